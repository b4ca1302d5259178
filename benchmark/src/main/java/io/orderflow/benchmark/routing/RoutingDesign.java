package io.orderflow.benchmark.routing;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.rabbitmq.client.Channel;

/**
 * Ways to route a timer through 28 binary delay levels (quorum queues with one TTL each
 * and at-least-once dead-lettering), declared under a prefix of their own. Every design
 * delivers a timer to the same place after the same wait; they differ in how many
 * exchanges a publish and a dead-lettering pass through, and how long their routing keys
 * are.
 */
enum RoutingDesign {

	/**
	 * The original design (NServiceBus's): the delay in binary as 28 words, most
	 * significant first; new timers enter at the top level's exchange, and every level's
	 * exchange passes a {@code 0} on to the next one by an exchange-to-exchange binding.
	 */
	CHAIN_FROM_TOP("28-word binary key, exchange chain, entering at level 27"),

	/**
	 * As {@link #CHAIN_FROM_TOP}, but entering at the exchange of the delay's top level.
	 */
	CHAIN_FROM_FIRST_LEVEL("28-word binary key, exchange chain, entering at its first level"),

	/**
	 * The 28-word binary key, but one topic exchange per hop: a level's queue
	 * dead-letters to an exchange of its own, bound to every lower level by the bits in
	 * between.
	 */
	ONE_HOP_BINARY("28-word binary key, one exchange per hop"),

	/**
	 * The service's design: the key names the levels ({@code L03.L08.t}), one topic
	 * exchange per hop.
	 */
	ONE_HOP_LEVEL_NAMES("level names as key, one exchange per hop");

	static final int LEVELS = 28;

	/** Long enough that nothing expires while the publish rate is measured. */
	private static final long NEVER_MILLIS = 3_600_000_000L;

	private final String title;

	RoutingDesign(String title) {
		this.title = title;
	}

	String title() {
		return this.title;
	}

	/** The levels' queues and exchanges, and the sink every timer reaches in the end. */
	void declare(Channel channel, String prefix) throws IOException {
		channel.exchangeDeclare(prefix + "due", "topic", true);
		channel.queueDeclare(sink(prefix), true, false, false, Map.of("x-queue-type", "quorum"));
		channel.queueBind(sink(prefix), prefix + "due", "#.t");
		if (isChain()) {
			declareChain(channel, prefix);
		}
		else {
			declareOneHop(channel, prefix);
		}
	}

	private void declareChain(Channel channel, String prefix) throws IOException {
		for (int level = LEVELS - 1; level >= 0; level--) {
			channel.exchangeDeclare(level(prefix, level), "topic", true);
			channel.queueDeclare(level(prefix, level), true, false, false,
					levelArguments((level > 0) ? level(prefix, level - 1) : prefix + "due"));
			channel.queueBind(level(prefix, level), level(prefix, level), "*.".repeat(LEVELS - 1 - level) + "1.#");
		}
		for (int level = LEVELS - 1; level >= 0; level--) {
			String next = (level > 0) ? level(prefix, level - 1) : prefix + "due";
			channel.exchangeBind(next, level(prefix, level), "*.".repeat(LEVELS - 1 - level) + "0.#");
		}
	}

	/**
	 * Exchange {@code after-L} takes what leaves level L; {@code after-28} new timers.
	 */
	private void declareOneHop(Channel channel, String prefix) throws IOException {
		for (int after = LEVELS; after >= 0; after--) {
			channel.exchangeDeclare(after(prefix, after), "topic", true);
		}
		for (int level = 0; level < LEVELS; level++) {
			channel.queueDeclare(level(prefix, level), true, false, false, levelArguments(after(prefix, level)));
		}
		for (int after = LEVELS; after >= 0; after--) {
			for (int next = after - 1; next >= 0; next--) {
				channel.queueBind(level(prefix, next), after(prefix, after), nextLevelBinding(after, next));
			}
			channel.queueBind(sink(prefix), after(prefix, after), lastLevelBinding(after));
		}
	}

	private String nextLevelBinding(int after, int next) {
		if (this == ONE_HOP_BINARY) {
			return "*.".repeat(LEVELS - after) + "0.".repeat(after - 1 - next) + "1.#";
		}
		return (after == LEVELS) ? word(next) + ".#" : "#." + word(after) + "." + word(next) + ".#";
	}

	private String lastLevelBinding(int after) {
		if (this == ONE_HOP_BINARY) {
			return "*.".repeat(LEVELS - after) + "0.".repeat(after) + "t";
		}
		return (after == LEVELS) ? "t" : "#." + word(after) + ".t";
	}

	/** Where a new timer with this delay is published. */
	String entryExchange(String prefix, long delaySeconds) {
		return switch (this) {
			case CHAIN_FROM_TOP -> level(prefix, LEVELS - 1);
			case CHAIN_FROM_FIRST_LEVEL -> level(prefix, 63 - Long.numberOfLeadingZeros(delaySeconds));
			default -> after(prefix, LEVELS);
		};
	}

	/**
	 * The routing key of a timer with this delay (the level-names design waits in its
	 * levels longest first here, which makes no difference to routing).
	 */
	String routingKey(long delaySeconds) {
		StringJoiner key = new StringJoiner(".");
		for (int level = LEVELS - 1; level >= 0; level--) {
			boolean set = ((delaySeconds >>> level) & 1) == 1;
			if (this != ONE_HOP_LEVEL_NAMES) {
				key.add(set ? "1" : "0");
			}
			else if (set) {
				key.add(word(level));
			}
		}
		return key.add("t").toString();
	}

	String level(String prefix, int level) {
		return prefix + "level-" + level;
	}

	String sink(String prefix) {
		return prefix + "sink";
	}

	private boolean isChain() {
		return this == CHAIN_FROM_TOP || this == CHAIN_FROM_FIRST_LEVEL;
	}

	private static String after(String prefix, int level) {
		return prefix + "after-" + level;
	}

	private static String word(int level) {
		return "L" + level;
	}

	private static Map<String, Object> levelArguments(String deadLetterExchange) {
		Map<String, Object> arguments = new HashMap<>();
		arguments.put("x-queue-type", "quorum");
		arguments.put("x-message-ttl", NEVER_MILLIS);
		arguments.put("x-dead-letter-exchange", deadLetterExchange);
		arguments.put("x-dead-letter-strategy", "at-least-once");
		arguments.put("x-overflow", "reject-publish");
		return arguments;
	}

}
