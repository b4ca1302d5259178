package io.orderflow.benchmark.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.jspecify.annotations.Nullable;

/**
 * One order to create: who it is for (a tag that groups the orders of a workload) and
 * when its payment is due, either relative to its creation or at a fixed instant.
 *
 * @param customerId tag of the workload the order belongs to
 * @param timeout payment timeout counted from creation, or {@code null}
 * @param deadline fixed payment deadline, or {@code null}
 */
public record OrderSpec(String customerId, @Nullable Duration timeout, @Nullable Instant deadline) {

	/** Orders of the create-throughput load (all due minutes to days later). */
	static final String LOAD = "bench-load";

	/** Pending orders of the precision workload that are not due during the run. */
	static final String FAR = "precision-far";

	/** Pending orders of the precision workload that are due during the run. */
	static final String DUE = "precision-due";

	/** Orders of the expiry storm. */
	static final String STORM = "storm";

	/** Orders of the burst, placed as fast as the clients go with timeouts of seconds. */
	static final String BURST = "burst";

	/** Orders whose timers fall due while the design's consumer is stopped. */
	static final String CONSUMER_DOWN = "consumer-down";

	public Instant deadlineFrom(Instant now) {
		return (this.deadline != null) ? this.deadline : now.plus(this.timeout);
	}

	/**
	 * A deadline minutes, hours or days away, each range equally likely: 30-59 minutes,
	 * 1-23 hours, 1-29 days (none of them due during a run).
	 */
	static OrderSpec far(String customerId, Random random) {
		long seconds = switch (random.nextInt(3)) {
			case 0 -> 30 * 60 + random.nextInt(30 * 60);
			case 1 -> 3600 + random.nextInt(23 * 3600 - 3600);
			default -> 86_400 + random.nextInt(29 * 86_400 - 86_400);
		};
		return new OrderSpec(customerId, Duration.ofSeconds(seconds).plusMillis(random.nextInt(1000)), null);
	}

	/**
	 * The precision workload: {@code far} orders minutes to days away and {@code due}
	 * orders due at uniformly random instants between {@code dueFrom} and {@code dueTo},
	 * in random order.
	 */
	static List<OrderSpec> precision(int far, int due, Instant dueFrom, Instant dueTo, Random random) {
		List<OrderSpec> specs = new ArrayList<>(far + due);
		for (int i = 0; i < far; i++) {
			specs.add(far(FAR, random));
		}
		specs.addAll(dueBetween(DUE, due, dueFrom, dueTo, random));
		Collections.shuffle(specs, random);
		return specs;
	}

	/**
	 * {@code count} orders with payment timeouts drawn uniformly between {@code from} and
	 * {@code to}, to the millisecond.
	 */
	static List<OrderSpec> burst(int count, Duration from, Duration to, Random random) {
		long spanMillis = to.minus(from).toMillis();
		List<OrderSpec> specs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			specs.add(new OrderSpec(BURST, from.plusMillis((long) (random.nextDouble() * spanMillis)), null));
		}
		return specs;
	}

	/**
	 * {@code count} orders tagged {@code customerId}, due at uniformly random instants
	 * between {@code from} and {@code to}.
	 */
	static List<OrderSpec> dueBetween(String customerId, int count, Instant from, Instant to, Random random) {
		long spanMillis = Duration.between(from, to).toMillis();
		List<OrderSpec> specs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			specs.add(new OrderSpec(customerId, null, from.plusMillis((long) (random.nextDouble() * spanMillis))));
		}
		return specs;
	}

	/** {@code size} orders all due at {@code deadline}. */
	static List<OrderSpec> storm(int size, Instant deadline) {
		return Collections.nCopies(size, new OrderSpec(STORM, null, deadline));
	}

}
