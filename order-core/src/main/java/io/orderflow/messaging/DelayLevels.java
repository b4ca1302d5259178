package io.orderflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * The binary delay levels that carry timers (after the design of NServiceBus's RabbitMQ
 * transport, with one routing hop per level instead of one per bit).
 *
 * <p>
 * Level {@code L} is a queue whose every message waits exactly 2<sup>L</sup> seconds. A
 * timer's routing key names the levels its delay passes through, shortest first, then the
 * timer's name: a delay of 1,800 s (8 + 256 + 512 + 1024) is
 * {@code L03.L08.L09.L10.payment-timeout}. A new timer enters at the timers exchange,
 * which routes it to the queue of the first level its key names. When it expires there it
 * is dead-lettered, with its routing key unchanged, to that level's {@code .expired}
 * exchange, which routes it to the queue of the next level the key names, or to the
 * timer's queue once no level is left. Every queue holds one TTL, so messages expire in
 * arrival order and no timer waits behind a longer one (which is what goes wrong with
 * per-message TTLs in one queue), and every step is a single topic exchange: RabbitMQ
 * routes a short key through one exchange many times faster than a 28-word binary key
 * through a chain of exchange-to-exchange bindings.
 *
 * <p>
 * Shortest first, so that the last wait is the longest: timers due at the same moment
 * share one dead-lettering shortly before it (out of their longest level), instead of one
 * per level in the seconds before it, which matters when thousands fall due at once.
 *
 * <p>
 * Timers are meant to arrive a little early: the delay is rounded down after subtracting
 * a lead, and the consumer holds an early timer until it is due. That makes the levels'
 * one-second steps invisible, and absorbs the time between computing the delay and the
 * broker enqueueing the message.
 */
public final class DelayLevels {

	/** Levels 0 to 27: delays up to 2<sup>28</sup>-1 seconds, about 8.5 years. */
	public static final int COUNT = 28;

	public static final long MAX_DELAY_SECONDS = (1L << COUNT) - 1;

	/** Characters of a level's word in routing keys: {@code L00}. */
	private static final int LEVEL_WORD_LENGTH = 3;

	private DelayLevels() {
	}

	/**
	 * Whole seconds a timer due at {@code deliverAt} waits in the levels when it is
	 * published at {@code now}: the time left minus {@code lead}, rounded down, so that
	 * it reaches its consumer between {@code lead} and {@code lead} + 1 s before it is
	 * due. Zero when that is already past; capped at {@link #MAX_DELAY_SECONDS} (a longer
	 * timer arrives early and is re-scheduled by its consumer).
	 */
	public static long delaySeconds(Instant deliverAt, Instant now, Duration lead) {
		Duration remaining = Duration.between(now, deliverAt).minus(lead);
		if (remaining.isNegative()) {
			return 0;
		}
		return Math.min(remaining.getSeconds(), MAX_DELAY_SECONDS);
	}

	/**
	 * The routing key that carries a message through the levels in {@code delaySeconds}
	 * and then to the queues bound to {@code timerName}.
	 */
	public static String routingKey(long delaySeconds, String timerName) {
		if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
			throw new IllegalArgumentException("delay out of range: " + delaySeconds + " s");
		}
		StringJoiner key = new StringJoiner(".");
		for (int level = 0; level < COUNT; level++) {
			if (((delaySeconds >>> level) & 1) == 1) {
				key.add(word(level));
			}
		}
		return key.add(timerName).toString();
	}

	/**
	 * A routing key without the levels it names: the timer's name for a timer's key
	 * ({@code L00.L03.payment-timeout} is {@code payment-timeout}), any other key as it
	 * is.
	 */
	public static String withoutDelay(String routingKey) {
		int start = 0;
		while (isLevelWord(routingKey, start)) {
			start += LEVEL_WORD_LENGTH + 1;
		}
		return routingKey.substring(start);
	}

	/** Whether {@code key} has a level's word, followed by a dot, at {@code start}. */
	private static boolean isLevelWord(String key, int start) {
		return key.length() > start + LEVEL_WORD_LENGTH && key.charAt(start) == 'L'
				&& Character.isDigit(key.charAt(start + 1)) && Character.isDigit(key.charAt(start + 2))
				&& key.charAt(start + LEVEL_WORD_LENGTH) == '.';
	}

	/**
	 * At the timers exchange: a new timer whose longest level is {@code level}.
	 */
	static String entryBinding(int level) {
		return word(level) + ".#";
	}

	/**
	 * At the {@code .expired} exchange of {@code expired}: a timer whose next level is
	 * {@code next}.
	 */
	static String nextLevelBinding(int expired, int next) {
		return "#." + word(expired) + "." + word(next) + ".#";
	}

	/**
	 * At the {@code .expired} exchange of {@code expired}: a timer named
	 * {@code timerName} that has no level left.
	 */
	static String lastLevelBinding(int expired, String timerName) {
		return "#." + word(expired) + "." + timerName;
	}

	static long ttlMillis(int level) {
		return (1L << level) * 1000;
	}

	/** How a level appears in routing keys and names: {@code L00} to {@code L27}. */
	static String word(int level) {
		return "L%02d".formatted(level);
	}

}
