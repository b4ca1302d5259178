package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** When the orders a scenario places are due. */
final class Deadlines {

	private Deadlines() {
	}

	/**
	 * Due between {@code from} and {@code to} after the order is sent, to the
	 * millisecond.
	 */
	static Supplier<Instant> after(Duration from, Duration to) {
		long span = to.minus(from).toMillis();
		return () -> Instant.now().plus(from).plusMillis(ThreadLocalRandom.current().nextLong(span + 1));
	}

	/**
	 * When a storm of {@code orders} orders placed from now should fall due: 30 s plus 40
	 * ms per order, so that placing them is over before (at 25 orders/s, what a busy
	 * 2-core machine still manages).
	 */
	static Instant stormFor(int orders) {
		return Instant.now().plusSeconds(30).plusMillis(40L * orders);
	}

	/** Due at random instants between {@code from} and {@code to}, to the millisecond. */
	static Supplier<Instant> between(Instant from, Instant to) {
		long span = Duration.between(from, to).toMillis();
		return () -> from.plusMillis(ThreadLocalRandom.current().nextLong(span + 1));
	}

	/** All due at {@code deadline}: a storm. */
	static Supplier<Instant> at(Instant deadline) {
		return () -> deadline;
	}

}
