package io.orderflow.benchmark.faults;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Spaces the requests of all checkout clients at a steady rate, as a shop's customers
 * arrive. Slots missed while requests were slow are skipped, not made up in a burst: a
 * fault should not be followed by a surge the service never saw in production.
 */
final class Pace {

	/** No spacing: each client sends its next request as soon as the last is answered. */
	static final Pace UNPACED = new Pace(0);

	private final long intervalNanos;

	private final AtomicLong nextSlot = new AtomicLong(System.nanoTime());

	private Pace(long intervalNanos) {
		this.intervalNanos = intervalNanos;
	}

	static Pace perSecond(int requests) {
		return new Pace(TimeUnit.SECONDS.toNanos(1) / requests);
	}

	/** Waits for this client's next slot. */
	void awaitSlot() throws InterruptedException {
		if (this.intervalNanos == 0) {
			return;
		}
		long now = System.nanoTime();
		long slot = Math.max(now, this.nextSlot.getAndUpdate((next) -> Math.max(next, now) + this.intervalNanos));
		TimeUnit.NANOSECONDS.sleep(slot - now);
	}

}
