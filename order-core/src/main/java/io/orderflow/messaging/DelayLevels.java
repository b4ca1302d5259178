package io.orderflow.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * The binary delay levels that carry timers (the design of NServiceBus's RabbitMQ
 * transport).
 *
 * <p>
 * Level {@code L} is a queue whose every message waits exactly 2<sup>L</sup> seconds. A
 * delay is written in binary in the routing key, most significant level first, followed
 * by the timer's name: a 10-second payment timeout is
 * {@code 0.0.(...).0.1.0.1.0.payment-timeout}. At each level's exchange a {@code 1}
 * routes the message into that level's queue, a {@code 0} passes it straight on to the
 * next level's exchange; an expired message is dead-lettered to the next level's exchange
 * with its routing key unchanged. Because every queue holds a single TTL, messages expire
 * in arrival order and no timer waits behind a longer one (which is what goes wrong with
 * per-message TTLs in one queue).
 */
public final class DelayLevels {

	/** Levels 0 to 27: delays up to 2<sup>28</sup>-1 seconds, about 8.5 years. */
	public static final int COUNT = 28;

	public static final long MAX_DELAY_SECONDS = (1L << COUNT) - 1;

	private DelayLevels() {
	}

	/**
	 * Whole seconds to wait for {@code deliverAt}, rounded up so that a timer never
	 * arrives before its time, capped at {@link #MAX_DELAY_SECONDS} (a longer timer
	 * arrives early and is re-scheduled by its consumer), zero when it is already due.
	 */
	public static long delaySeconds(Instant deliverAt, Instant now) {
		Duration remaining = Duration.between(now, deliverAt);
		if (remaining.isNegative() || remaining.isZero()) {
			return 0;
		}
		long seconds = remaining.getSeconds() + ((remaining.getNano() > 0) ? 1 : 0);
		return Math.min(seconds, MAX_DELAY_SECONDS);
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
		for (int level = COUNT - 1; level >= 0; level--) {
			key.add(((delaySeconds >>> level) & 1) == 1 ? "1" : "0");
		}
		return key.add(timerName).toString();
	}

	/**
	 * The binding at level {@code level}'s exchange that matches a {@code bit} at that
	 * level.
	 */
	static String bindingKey(int level, char bit) {
		return "*.".repeat(COUNT - 1 - level) + bit + ".#";
	}

	static long ttlMillis(int level) {
		return (1L << level) * 1000;
	}

}
