package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.workload.HttpLoad;

/**
 * Create throughput over HTTP against the database's ceiling for the same transaction.
 */
final class ThroughputSection implements Section {

	private final Figures figures;

	private final String charts;

	ThroughputSection(Figures figures, String charts) {
		this.figures = figures;
		this.charts = charts;
	}

	@Override
	public String title() {
		return "Create throughput";
	}

	@Override
	public void appendTo(StringBuilder md) {
		int clients = this.figures.settings().clients();
		md.append(String.format(Locale.ROOT,
				"%d clients in a closed loop (each sends its next request when the previous one is answered) create "
						+ "orders with two items through `POST /api/orders` for %d s after a %d-s warm-up, all with "
						+ "one RS256 bearer token minted before the load (order-api verifies it on every request). Each "
						+ "request is one transaction (the order, its items, its `order.created` event and its payment "
						+ "timer in the outbox), after which the outbox relay publishes both messages with publisher "
						+ "confirms. The database ceiling replays that same transaction (recorded from the service's own "
						+ "placement code: the same statements, payloads and JDBC driver options) directly with %d JDBC "
						+ "clients on a fresh database, "
						+ "in the same run, while the apps sit idle: after the relays have published what the "
						+ "window left in the outbox and the timers it created have left the delay levels shorter "
						+ "than a minute (up to 90 s), so that the broker is not busy dead-lettering them. The "
						+ "burst (section 3) follows.%n%n",
				clients, this.figures.settings().throughputDuration().toSeconds(),
				this.figures.settings().warmUp().toSeconds(), clients));
		md.append("| Figure | Median (min–max) |\n| --- | --- |\n");
		Figures.row(md, "Service: orders/s", this.figures.median("%.0f", (run) -> load(run).ordersPerSecond()));
		Figures.row(md, "Service: latency p50 / p99 / max, ms",
				this.figures.median("%.1f", (run) -> Stats.percentile(load(run).latencyMillis(), 50)) + " / "
						+ this.figures.median("%.1f", (run) -> Stats.percentile(load(run).latencyMillis(), 99)) + " / "
						+ this.figures.median("%.0f", (run) -> Stats.percentile(load(run).latencyMillis(), 100)));
		Figures.row(md, "Service: failed requests", this.figures.median("%.0f", (run) -> (double) load(run).errors()));
		Figures.row(md, "Service: outbox messages written per second at that rate",
				this.figures.median("%,.0f", (run) -> run.creation().outboxMessagesPerSecond()));
		Figures.row(md, "Service: outbox messages not yet published when the window closed",
				this.figures.median("%,.0f", (run) -> (double) run.creation().outboxBacklog()));
		Figures.row(md, "Service: time until the relays had published them, s",
				this.figures.median("%.1f", (run) -> run.creation().outboxDrainSeconds()));
		Figures.row(md, "Database ceiling: transactions/s",
				this.figures.median("%.0f", (run) -> run.ceiling().perSecond()));
		Figures.row(md, "Database ceiling: latency p50 / p99, ms",
				this.figures.median("%.1f", (run) -> run.ceiling().p50Millis()) + " / "
						+ this.figures.median("%.1f", (run) -> run.ceiling().p99Millis()));
		Figures.row(md, "**Service as a share of the ceiling**",
				"**" + this.figures.median("%.0f%%", (run) -> 100 * Figures.ceilingShare(run)) + "**");
		md.append('\n');
		this.figures.cpuTable(md, "Where the CPU went during the measured window (cores busy on average; the machine "
				+ "has " + Machine.cores() + "):", (run) -> run.creation().cpu());
		md.append("![Orders created per second](").append(this.charts).append("/throughput.png)\n\n");
	}

	private static HttpLoad.Result load(Results.Run run) {
		return run.creation().load();
	}

}
