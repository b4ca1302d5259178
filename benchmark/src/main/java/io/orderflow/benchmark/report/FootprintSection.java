package io.orderflow.benchmark.report;

import java.util.Locale;
import java.util.function.Function;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.infra.RssSampler;

/**
 * Memory of the apps and the broker, database sizes, start-up times.
 */
final class FootprintSection implements Section {

	private final Figures figures;

	FootprintSection(Figures figures) {
		this.figures = figures;
	}

	@Override
	public String title() {
		return "Footprint";
	}

	@Override
	public void appendTo(StringBuilder md) {
		underLoad(md);
		holding(md);
		databases(md);
		startup(md);
	}

	private void underLoad(StringBuilder md) {
		md.append(String.format(Locale.ROOT,
				"Both apps' resident memory (VmRSS from `/proc/<pid>/status`) is sampled every second during the "
						+ "create-throughput window, the burst and the service's storm; the peak of each phase, and "
						+ "of all three (target: below %.0f MiB). The apps run with `bin/jvm.options`. order-api's CPU "
						+ "profile is recorded at the end of each run, after these phases, so that the memory JFR "
						+ "keeps does not count here.%n%n",
				Targets.RSS_MIB));
		md.append("| App | Create throughput, MiB | Burst, MiB | Storm, MiB | **Peak under load, MiB** |\n");
		md.append("| --- | ---: | ---: | ---: | ---: |\n");
		peaks(md, "order-api", RssSampler.Peaks::apiKb);
		peaks(md, "order-timeout-consumer", RssSampler.Peaks::consumerKb);
		md.append('\n');
	}

	private void peaks(StringBuilder md, String app, Function<RssSampler.Peaks, Long> of) {
		Figures.row(md, app, this.figures.mebibytes((run) -> of.apply(run.creation().rss())),
				this.figures.mebibytes((run) -> of.apply(run.burst().rss())),
				this.figures.mebibytes((run) -> of.apply(run.serviceStormRss())),
				"**" + this.figures.mebibytes((run) -> of.apply(run.rssUnderLoad())) + "**");
	}

	private void holding(StringBuilder md) {
		md.append("Resident memory (the broker is its `beam.smp`) right after start-up, and again once the service "
				+ "holds its pending population (after the create-throughput load and the burst). The apps keep no "
				+ "per-timer state: pending timers live in the broker's delay-level queues and in the database, so "
				+ "the apps' growth is JVM heap warming up under load, not timers.\n\n");
		md.append("| Process | Idle after start-up, MiB | Holding the pending population, MiB | Per 100,000 pending "
				+ "timers, MiB |\n");
		md.append("| --- | ---: | ---: | ---: |\n");
		Figures.row(md, "order-api", this.figures.mebibytes((run) -> footprint(run).apiIdleKb()),
				this.figures.mebibytes((run) -> footprint(run).apiKb()), "none held");
		Figures.row(md, "order-timeout-consumer", this.figures.mebibytes((run) -> footprint(run).consumerIdleKb()),
				this.figures.mebibytes((run) -> footprint(run).consumerKb()), "none held");
		Figures
			.row(md, "RabbitMQ (beam.smp)", this.figures.mebibytes((run) -> footprint(run).brokerIdleKb()),
					this.figures.mebibytes((
							run) -> footprint(run).brokerKb()),
					this.figures.median("%.0f", (run) -> (footprint(run).brokerKb() - footprint(run).brokerIdleKb())
							/ 1024.0 * 100_000 / Math.max(footprint(run).pendingTimers(), 1)) + " (RSS growth)");
		if (this.figures.runs().stream().allMatch((run) -> footprint(run).queueMemoryBytes() >= 0)) {
			Figures.row(md, "delay-level queues (rabbitmqctl `list_queues memory`)", "",
					this.figures.median("%.1f", (run) -> footprint(run).queueMemoryBytes() / 1048576.0),
					this.figures.median("%.1f", (run) -> footprint(run).queueMemoryBytes() / 1048576.0 * 100_000
							/ Math.max(footprint(run).pendingTimers(), 1)));
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"Timers in the delay levels at that moment: %s. For comparison, the single TTL queue's %,d "
						+ "persistent messages grew the broker's RSS by %s MiB.%n%n",
				this.figures.median("%,.0f", (run) -> (double) footprint(run).pendingTimers()),
				this.figures.firstRun().footprint().ttlTimers(),
				this.figures.median("%.0f", (run) -> footprint(run).ttlBrokerDeltaKb() / 1024.0)));
	}

	private void databases(StringBuilder md) {
		md.append("Database size holding the pending population (`pg_database_size`, including indexes; the "
				+ "service's also holds the published outbox messages, kept 7 days by default, and the orders' "
				+ "items; db-scheduler's also its executions; the Redis baselines keep their timers in Redis):\n\n");
		md.append("| Design | Pending orders | Database size, MiB |\n| --- | ---: | ---: |\n");
		for (Design design : Design.values()) {
			Figures.row(md, design.title(),
					design.isBaseline() ? Figures.count(this.figures.settings().pendingTarget())
							: this.figures.median("%,.0f", (run) -> (double) run.pendingOrders()),
					this.figures.median("%.0f",
							(run) -> footprint(run).databaseBytes().getOrDefault(design, -1L) / 1048576.0));
		}
		md.append('\n');
	}

	private void startup(StringBuilder md) {
		md.append("Start-up, from process start until `/actuator/health` first answers UP (including Flyway on an "
				+ "empty database for the first app, and declaring the topology):\n\n");
		md.append("| App | Start-up, s |\n| --- | ---: |\n");
		Figures.row(md, "order-api", this.figures.median("%.1f", (run) -> run.startup().apiSeconds()));
		Figures.row(md, "order-timeout-consumer",
				this.figures.median("%.1f", (run) -> run.startup().consumerSeconds()));
		md.append('\n');
	}

	private static Results.Footprint footprint(Results.Run run) {
		return run.footprint();
	}

}
