package io.orderflow.benchmark.report;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Stats;

/**
 * The service's targets, each checked in every run: a target is met when every run met
 * it.
 */
final class Targets {

	static final double PRECISION_P99 = 0.25;

	static final double PRECISION_MAX = 0.5;

	static final double BURST_P99 = 0.5;

	static final double BURST_NONE_OVER = 1;

	static final double STORM_SECONDS = 10;

	static final double STORM_SHARE_OF_BROKER = 0.6;

	static final double CREATE_SHARE_OF_CEILING = 0.5;

	static final double CREATE_P99_MILLIS = 50;

	static final double RSS_MIB = 300;

	private final Figures figures;

	Targets(Figures figures) {
		this.figures = figures;
	}

	/**
	 * @param id T1 to T5
	 * @param name what it is about
	 * @param criterion what it asks, in words
	 * @param value what the runs measured
	 * @param metIn runs that met it
	 * @param runs all runs
	 */
	record Target(String id, String name, String criterion, String value, int metIn, int runs) {

		String verdict() {
			if (this.metIn == this.runs) {
				return "met";
			}
			return (this.runs > 1 && this.metIn > 0) ? "not met (met in " + this.metIn + " of " + this.runs + " runs)"
					: "not met";
		}

	}

	List<Target> all() {
		return List.of(precision(), burst(), storm(), creation(), footprint());
	}

	private Target precision() {
		Predicate<Results.Run> met = (run) -> serviceLateness(run).percentile(99) <= PRECISION_P99
				&& serviceLateness(run).max() <= PRECISION_MAX;
		return target("T1", "Precision",
				String.format(Locale.ROOT, "%,d pending, mixed deadlines: p99 lateness ≤ %s, max ≤ %s",
						this.figures.settings().pendingTarget(), Stats.seconds(PRECISION_P99),
						Stats.seconds(PRECISION_MAX)),
				"p99 " + this.figures.lateness((run) -> serviceLateness(run).percentile(99)) + ", max "
						+ this.figures.lateness((run) -> serviceLateness(run).max()),
				met);
	}

	private Target burst() {
		Predicate<Results.Run> met = (run) -> run.burst().lateness().percentile(99) <= BURST_P99
				&& run.burst().lateness().lateBy(BURST_NONE_OVER) == 0;
		return target("T2", "Burst",
				String.format(Locale.ROOT, "%,d orders placed at full speed: p99 ≤ %s, none later than %s",
						this.figures.settings().burstSize(), Stats.seconds(BURST_P99), Stats.seconds(BURST_NONE_OVER)),
				"p99 " + this.figures.lateness((run) -> run.burst().lateness().percentile(99)) + ", over "
						+ Stats.seconds(BURST_NONE_OVER) + ": " + this.figures.median("%,.0f",
								(run) -> (double) run.burst().lateness().lateBy(BURST_NONE_OVER)),
				met);
	}

	private Target storm() {
		Predicate<Results.Run> met = (run) -> serviceStorm(run).allCancelledAfter() <= STORM_SECONDS
				&& serviceStorm(run).allPublishedAfter() <= STORM_SECONDS
				&& eventRate(run) >= STORM_SHARE_OF_BROKER * run.deadLetters().perSecond();
		return target("T3", "Storm",
				String.format(Locale.ROOT,
						"%,d orders due in the same second: all cancelled and their events confirmed within %.0f s, "
								+ "at ≥ %.0f%% of the broker's own dead-letter rate",
						this.figures.settings().stormSize(), STORM_SECONDS, STORM_SHARE_OF_BROKER * 100),
				"all cancelled after " + this.figures.stormSeconds((run) -> serviceStorm(run).allCancelledAfter())
						+ ", events confirmed after "
						+ this.figures.stormSeconds((run) -> serviceStorm(run).allPublishedAfter()) + "; "
						+ this.figures.median("%,.0f", Targets::eventRate) + " events/s, "
						+ this.figures.median("%.0f%%", (run) -> 100 * eventRate(run) / run.deadLetters().perSecond())
						+ " of the broker's " + this.figures.median("%,.0f", (run) -> run.deadLetters().perSecond())
						+ " msg/s",
				met);
	}

	private Target creation() {
		Predicate<Results.Run> met = (run) -> Figures.ceilingShare(run) >= CREATE_SHARE_OF_CEILING
				&& p99Millis(run) <= CREATE_P99_MILLIS && run.creation().outboxBacklog() < messagesPerSecond(run);
		return target("T4", "Sustained creation",
				String.format(Locale.ROOT,
						"%d clients for %d s: ≥ %.0f%% of the database's ceiling, p99 ≤ %.0f ms, outbox backlog at "
								+ "the end below one second's worth of outbox messages",
						this.figures.settings().clients(), this.figures.settings().throughputDuration().toSeconds(),
						CREATE_SHARE_OF_CEILING * 100, CREATE_P99_MILLIS),
				this.figures.median("%.0f", (run) -> run.creation().load().ordersPerSecond()) + " orders/s, "
						+ this.figures.median("%.0f%%", (run) -> 100 * Figures.ceilingShare(run)) + " of "
						+ this.figures.median("%.0f", (run) -> run.ceiling().perSecond()) + " tx/s; p99 "
						+ this.figures.median("%.0f", Targets::p99Millis) + " ms; backlog "
						+ this.figures.median("%,.0f", (run) -> (double) run.creation().outboxBacklog()) + " against "
						+ this.figures.median("%,.0f", Targets::messagesPerSecond) + " messages/s",
				met);
	}

	private Target footprint() {
		Predicate<Results.Run> met = (run) -> run.rssUnderLoad().apiKb() < RSS_MIB * 1024
				&& run.rssUnderLoad().consumerKb() < RSS_MIB * 1024;
		return target("T5", "Footprint", String.format(Locale.ROOT,
				"each app's resident memory under load (create throughput, burst, storm) below %.0f MiB", RSS_MIB),
				"peak order-api " + this.figures.mebibytes((run) -> run.rssUnderLoad().apiKb())
						+ " MiB, order-timeout-consumer "
						+ this.figures.mebibytes((run) -> run.rssUnderLoad().consumerKb()) + " MiB",
				met);
	}

	private Target target(String id, String name, String criterion, String value, Predicate<Results.Run> met) {
		return new Target(id, name, criterion, value, this.figures.runsWhere(met), this.figures.runs().size());
	}

	/** The targets as the report's first table. */
	void table(StringBuilder md) {
		md.append("| Target | Asks | Measured (median, min–max) | |\n| --- | --- | --- | --- |\n");
		for (Target target : all()) {
			Figures.row(md, "**" + target.id() + " " + target.name() + "**", target.criterion(), target.value(),
					target.metIn() == target.runs() ? "**met**" : target.verdict());
		}
		md.append('\n');
	}

	/** One headline line per target. */
	List<String> headline() {
		return all().stream()
			.map((target) -> "**" + target.id() + " " + target.name() + ": " + target.verdict() + "** ("
					+ target.criterion() + "): " + target.value() + ".")
			.toList();
	}

	private static Results.Lateness serviceLateness(Results.Run run) {
		return run.lateness().get(Design.SERVICE);
	}

	private static Results.Storm serviceStorm(Results.Run run) {
		return run.storms().get(Design.SERVICE);
	}

	/**
	 * Storm orders over the seconds from their deadline until the last event was
	 * confirmed.
	 */
	static double eventRate(Results.Run run) {
		return serviceStorm(run).size() / serviceStorm(run).allPublishedAfter();
	}

	private static double p99Millis(Results.Run run) {
		return Stats.percentile(run.creation().load().latencyMillis(), 99);
	}

	/** Outbox messages written per second at the measured rate. */
	private static double messagesPerSecond(Results.Run run) {
		return run.creation().outboxMessagesPerSecond();
	}

}
