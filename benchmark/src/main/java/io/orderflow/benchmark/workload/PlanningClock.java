package io.orderflow.benchmark.workload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock the service's code reads in {@link ServicePlacement}: on a placing thread,
 * the instant (in whole milliseconds) the benchmark planned the order at, so that the
 * service computes exactly the planned deadline from it; anywhere else the system's clock
 * in whole milliseconds, like the apps' clock.
 */
final class PlanningClock extends Clock {

	private static final Clock MILLIS = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));

	private final ThreadLocal<Instant> planned = new ThreadLocal<>();

	/** From now on, this thread's placements happen at {@code now}. */
	void plan(Instant now) {
		this.planned.set(now);
	}

	void unplan() {
		this.planned.remove();
	}

	/** The system's time in whole milliseconds. */
	static Instant millisNow() {
		return MILLIS.instant();
	}

	@Override
	public Instant instant() {
		Instant now = this.planned.get();
		return (now != null) ? now : MILLIS.instant();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return MILLIS.withZone(zone);
	}

}
