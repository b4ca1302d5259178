package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;

/**
 * Timer precision with mixed deadlines, every design in one common window.
 */
final class PrecisionSection implements Section {

	private final Figures figures;

	private final String charts;

	PrecisionSection(Figures figures, String charts) {
		this.figures = figures;
		this.charts = charts;
	}

	@Override
	public String title() {
		return "Timer precision with mixed deadlines";
	}

	@Override
	public void appendTo(StringBuilder md) {
		var settings = this.figures.settings();
		md.append(String.format(Locale.ROOT,
				"Every design holds at least %,d pending orders. Their deadlines are drawn evenly from minutes "
						+ "(30-59 min), hours (1-23 h) and days (1-29 d), except %.0f%% (%,d orders) due between %d "
						+ "and %d s after a common window opens; all are created in random order, so due orders sit "
						+ "among, and often behind, much longer ones. The service's population (%s pending) is the "
						+ "create-throughput orders plus a top-up in chunks of 1,000: the orders due in the run are "
						+ "placed through the API, the others by the service's own placement code (`OrderPlacement`, what "
						+ "the API runs) in the benchmark's JVM, without HTTP, and its own outbox relays publish their "
						+ "events and timers, the timers into the delay levels. The baselines' populations are "
						+ "inserted by JDBC (and scheduled in RabbitMQ, db-scheduler or Redis). The window is common "
						+ "to all designs, so their due timers fire at the same time (about %.0f cancels/s per "
						+ "design, a light load); it closes %d s after the last due deadline, and a due order still "
						+ "pending then counts as not fired (its lateness is more than %d s).%n%n",
				settings.pendingTarget(), settings.dueFraction() * 100, settings.dueCount(),
				settings.dueFrom().toSeconds(), settings.dueTo().toSeconds(),
				this.figures.median("%,.0f", (run) -> (double) run.pendingOrders()),
				settings.dueCount() / (double) (settings.dueTo().toSeconds() - settings.dueFrom().toSeconds()),
				settings.grace().toSeconds(), settings.grace().toSeconds()));
		md.append("| Design | Due | Fired in the window | Lateness p50 | p99 | max | Late by > 2 s |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			Figures.row(md, design.isBaseline() ? design.title() : "**" + design.title() + "**",
					Figures.count(this.figures.firstRun().lateness().get(design).due()),
					this.figures.median("%,.0f", (run) -> (double) lateness(run, design).seconds().length),
					this.figures.lateness((run) -> lateness(run, design).percentile(50)),
					this.figures.lateness((run) -> lateness(run, design).percentile(99)),
					this.figures.lateness((run) -> lateness(run, design).max()),
					this.figures.median("%,.0f", (run) -> (double) lateness(run, design).lateBy(2)));
		}
		md.append('\n');
		md.append("![Lateness distribution per design](").append(this.charts).append("/lateness.png)\n\n");
	}

	private static Results.Lateness lateness(Results.Run run, Design design) {
		return run.lateness().get(design);
	}

}
