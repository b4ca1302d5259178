package io.orderflow.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;

/**
 * The lines quoted in the report and printed at the end: one per target, then the
 * comparisons.
 */
final class Headline {

	private final Settings settings;

	private final Figures figures;

	private final Targets targets;

	Headline(Settings settings, Figures figures, Targets targets) {
		this.settings = settings;
		this.figures = figures;
		this.targets = targets;
	}

	List<String> lines() {
		List<String> lines = new ArrayList<>(this.targets.headline());
		lines.add(String.format(Locale.ROOT,
				"**Create:** %s orders/s through `POST /api/orders` with %d clients (p99 %s ms), %s of what "
						+ "PostgreSQL alone commits for the same transaction (%s tx/s).",
				this.figures.median("%.0f", (run) -> run.creation().load().ordersPerSecond()), this.settings.clients(),
				this.figures.median("%.0f", (run) -> Stats.percentile(run.creation().load().latencyMillis(), 99)),
				this.figures.median("%.0f%%", (run) -> 100 * Figures.ceilingShare(run)),
				this.figures.median("%.0f", (run) -> run.ceiling().perSecond())));
		lines.add(String.format(Locale.ROOT,
				"**Timers** (%,d pending, %,d due in the run): p99 lateness %s for the service against %s (1-s poller), "
						+ "%s (10-s poller), %s / %s (db-scheduler default / lock-and-fetch), %s / %s (Redis key "
						+ "expiry / sorted set); the single TTL queue fired %s of its due timers; late by more than "
						+ "2 s: service %s of %,d.",
				this.settings.pendingTarget(), this.settings.dueCount(), p99(Design.SERVICE), p99(Design.POLLER_1S),
				p99(Design.POLLER_10S), p99(Design.DB_SCHEDULER), p99(Design.DB_SCHEDULER_LOCK_AND_FETCH),
				p99(Design.REDIS_KEY_EXPIRY), p99(Design.REDIS_SORTED_SET),
				this.figures.median("%.1f%%",
						(run) -> 100.0 * run.lateness().get(Design.TTL_QUEUE).seconds().length
								/ run.lateness().get(Design.TTL_QUEUE).due()),
				this.figures.median("%.0f", (run) -> (double) run.lateness().get(Design.SERVICE).lateBy(2)),
				this.settings.dueCount()));
		lines.add(String.format(Locale.ROOT,
				"**Storm:** %,d orders due in the same second all cancelled, events published, %s after the "
						+ "deadline (%s cancels/s; the broker alone dead-letters %s msg/s); 1-s poller %s, "
						+ "db-scheduler %s / %s, TTL queue (empty) %s, Redis key expiry %s, Redis sorted set %s.",
				this.settings.stormSize(), allCancelled(Design.SERVICE, Results.Storm::allPublishedAfter),
				this.figures.median("%,.0f", (run) -> run.storms().get(Design.SERVICE).cancelsPerSecond()),
				this.figures.median("%.0f", (run) -> run.deadLetters().perSecond()),
				allCancelled(Design.POLLER_1S, Results.Storm::allCancelledAfter),
				allCancelled(Design.DB_SCHEDULER, Results.Storm::allCancelledAfter),
				allCancelled(Design.DB_SCHEDULER_LOCK_AND_FETCH, Results.Storm::allCancelledAfter),
				allCancelled(Design.TTL_QUEUE, Results.Storm::allCancelledAfter),
				allCancelled(Design.REDIS_KEY_EXPIRY, Results.Storm::allCancelledAfter),
				allCancelled(Design.REDIS_SORTED_SET, Results.Storm::allCancelledAfter)));
		List<String> lost = new ArrayList<>();
		for (Design design : Design.values()) {
			lost.add(design.label() + " "
					+ this.figures.median("%,.0f", (run) -> (double) run.outages().get(design).lost()));
		}
		lines.add(String.format(Locale.ROOT,
				"**Consumer down:** of %,d timers due while each design's consumer was stopped for %d s, never "
						+ "cancelled within %d s of its restart: %s.",
				this.settings.outageTimers(), this.settings.consumerDowntime().toSeconds(),
				this.settings.outageObservation().toSeconds(), String.join(", ", lost)));
		return lines;
	}

	private String p99(Design design) {
		return this.figures.lateness((run) -> run.lateness().get(design).percentile(99));
	}

	private String allCancelled(Design design, Function<Results.Storm, Double> figure) {
		return this.figures.stormSeconds((run) -> figure.apply(run.storms().get(design)));
	}

}
