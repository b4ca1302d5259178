package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Results;

/**
 * The service alone under a burst of orders with timeouts of seconds.
 */
final class BurstSection implements Section {

	private final Figures figures;

	BurstSection(Figures figures) {
		this.figures = figures;
	}

	@Override
	public String title() {
		return "Burst";
	}

	@Override
	public void appendTo(StringBuilder md) {
		md.append(String.format(Locale.ROOT,
				"%,d orders with payment timeouts drawn uniformly between %d and %d s (to the millisecond) are "
						+ "placed through `POST /api/orders` by %d closed-loop clients as fast as they go, after "
						+ "the create-throughput window and the database ceiling, so that their timers are published and fall due "
						+ "while the API is busy; then the benchmark waits until all are cancelled, or %d s after "
						+ "the last deadline. Lateness is `cancelled_at - payment_deadline`; an order still pending "
						+ "at the end counts as not fired. The service only: the baselines' timers do not depend on "
						+ "how their orders are created.%n%n",
				this.figures.settings().burstSize(), this.figures.settings().burstTimeoutFrom().toSeconds(),
				this.figures.settings().burstTimeoutTo().toSeconds(), this.figures.settings().clients(),
				this.figures.settings().grace().toSeconds()));
		md.append("| Figure | Median (min–max) |\n| --- | --- |\n");
		Figures.row(md, "Orders placed per second",
				this.figures.median("%.0f", (run) -> run.burst().placement().ordersPerSecond()));
		Figures.row(md, "Lateness p50 / p99 / max",
				this.figures.lateness((run) -> lateness(run).percentile(50)) + " / "
						+ this.figures.lateness((run) -> lateness(run).percentile(99)) + " / "
						+ this.figures.lateness((run) -> lateness(run).max()));
		Figures.row(md, "Late by more than 1 s",
				this.figures.median("%,.0f", (run) -> (double) lateness(run).lateBy(1)));
		Figures.row(md, "Late by more than 2 s",
				this.figures.median("%,.0f", (run) -> (double) lateness(run).lateBy(2)));
		Figures.row(md, "Not fired", this.figures.median("%,.0f", (run) -> (double) lateness(run).notFired()));
		md.append('\n');
	}

	private static Results.Lateness lateness(Results.Run run) {
		return run.burst().lateness();
	}

}
