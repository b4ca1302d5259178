package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;

/**
 * The expiry storm, one design after the other, against the broker's own dead-letter
 * rate.
 */
final class StormSection implements Section {

	private final Figures figures;

	private final String charts;

	StormSection(Figures figures, String charts) {
		this.figures = figures;
		this.charts = charts;
	}

	@Override
	public String title() {
		return "Expiry storm";
	}

	@Override
	public void appendTo(StringBuilder md) {
		md.append(String.format(Locale.ROOT,
				"%,d orders are due in the same second (the middle of it). The service's are placed by its own "
						+ "placement code in the benchmark's JVM, without HTTP (their creation is measured under "
						+ "create throughput), and its relays publish their events and their timers, which wait in "
						+ "the delay levels next to the precision workload's pending ones; the baselines' are "
						+ "inserted by JDBC into their databases (and scheduled in RabbitMQ, db-scheduler or "
						+ "Redis), which still hold their pending populations, except the TTL queue's, which is "
						+ "emptied first (behind the precision workload's timers it would wait for days). One "
						+ "design at a time; times are measured from the deadline. Cancels/s is the storm's size "
						+ "over the time from the deadline to the last cancel, like the broker's rate below; for "
						+ "the service, \"events published\" is when the last `order.cancelled` event was "
						+ "confirmed by the broker.%n%n",
				this.figures.settings().stormSize()));
		md.append("| Design | First cancel | All cancelled | Events published | Cancels/s | Share of the broker's "
				+ "dead-letter rate |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			Figures.row(md, design.isBaseline() ? design.title() : "**" + design.title() + "**",
					this.figures.stormSeconds((run) -> storm(run, design).firstAfter()),
					this.figures.stormSeconds((run) -> storm(run, design).allCancelledAfter()),
					design.isBaseline() ? "no events"
							: this.figures.stormSeconds((run) -> storm(run, design).allPublishedAfter()),
					this.figures.median("%,.0f", (run) -> storm(run, design).cancelsPerSecond()),
					this.figures.median("%.0f%%",
							(run) -> 100 * storm(run, design).cancelsPerSecond() / run.deadLetters().perSecond()));
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"The broker's own dead-letter rate, measured in the same run: %,d persistent messages that expire at "
						+ "the same instant in a quorum queue with at-least-once dead-lettering (like each delay "
						+ "level) reach a quorum sink queue at **%s msg/s** (from their expiry until the sink holds "
						+ "all of them, %s). A timer of the service is dead-lettered once per level it passes; the "
						+ "consumer holds the timers that arrive before their deadline and cancels the due ones in "
						+ "batches of up to 500 per transaction, each writing its `order.cancelled` event to the "
						+ "outbox, which the consumer's relay publishes. From the deadline until "
						+ "its last `order.cancelled` event was confirmed, the service handled **%s orders/s, %s of "
						+ "the broker's rate**.%n%n",
				this.figures.settings().deadLetterMessages(),
				this.figures.median("%,.0f", (run) -> run.deadLetters().perSecond()),
				this.figures.stormSeconds((run) -> run.deadLetters().seconds()),
				this.figures.median("%,.0f", Targets::eventRate),
				this.figures.median("%.0f%%", (run) -> 100 * Targets.eventRate(run) / run.deadLetters().perSecond())));
		this.figures.cpuTable(md, "Where the CPU went during the service's storm (from writing its orders until the "
				+ "last event was published; cores busy on average):", Results.Run::serviceStormCpu);
		md.append("![Storm: share cancelled over time](").append(this.charts).append("/storm.png)\n\n");
	}

	private static Results.Storm storm(Results.Run run, Design design) {
		return run.storms().get(design);
	}

}
