package io.orderflow.benchmark.workload;

import java.util.EnumMap;
import java.util.Map;

import io.orderflow.benchmark.Design;

/**
 * How fast each design schedules timers (orders inserted plus timers; for the service,
 * until its relays have published them), used to plan when a window opens or a storm is
 * due so that everything is scheduled in time. Starts from guesses and learns from every
 * run.
 */
public final class SchedulingRates {

	private final Map<Design, Double> perSecond = new EnumMap<>(
			Map.of(Design.SERVICE, 1_500.0, Design.TTL_QUEUE, 10_000.0, Design.POLLER_1S, 30_000.0, Design.POLLER_10S,
					30_000.0, Design.DB_SCHEDULER, 20_000.0, Design.DB_SCHEDULER_LOCK_AND_FETCH, 20_000.0,
					Design.REDIS_KEY_EXPIRY, 20_000.0, Design.REDIS_SORTED_SET, 20_000.0));

	/**
	 * Storm timers per second the service's relays publish: all of them go to the same
	 * one or two delay levels, which is slower than spreading a population over many.
	 * Starts low and keeps the lowest rate seen, so that every storm timer is in the
	 * broker before the deadline.
	 */
	private double servicePublishesStorm = 300;

	/** Seconds {@code design} needs to schedule {@code timers}, with a margin. */
	double secondsFor(Design design, int timers, double margin) {
		return timers / this.perSecond.get(design) * margin;
	}

	void learn(Design design, int timers, double seconds) {
		this.perSecond.put(design, timers / Math.max(seconds, 0.001));
	}

	double serviceStormSeconds(int timers) {
		return timers / this.servicePublishesStorm;
	}

	void learnServiceStorm(int timers, double seconds) {
		this.servicePublishesStorm = Math.min(this.servicePublishesStorm, timers / Math.max(seconds, 1));
	}

}
