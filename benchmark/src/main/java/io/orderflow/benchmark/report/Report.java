package io.orderflow.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.Stats.Summary;

/**
 * Writes {@code docs/benchmarks.md} and its charts from the runs: every figure as the
 * median over the runs with the minimum and maximum in brackets.
 */
public final class Report {

	private final Settings settings;

	private final List<Results.Run> runs;

	private final Facts facts;

	public Report(Settings settings, List<Results.Run> runs, Facts facts) {
		this.settings = settings;
		this.runs = runs;
		this.facts = facts;
	}

	/**
	 * What the report says about the machine and the invocation.
	 *
	 * @param appJvmOptions the options both apps run with ({@code bin/jvm.options})
	 * @param deadLetterPrefetch the broker's {@code dead_letter_worker_consumer_prefetch}
	 */
	public record Facts(String cpu, int cores, String memory, String os, String java, String postgres, String rabbit,
			String deadLetterPrefetch, List<String> appJvmOptions, Instant started, double wallSeconds) {
	}

	public void write(Path markdown, Path chartDirectory) throws IOException {
		Files.createDirectories(chartDirectory);
		Charts.throughput(this.runs, summary((run) -> run.ceiling().perSecond()).median(),
				chartDirectory.resolve("throughput.png"));
		Map<Design, List<Results.Lateness>> lateness = new EnumMap<>(Design.class);
		for (Design design : Design.values()) {
			lateness.put(design, this.runs.stream().map((run) -> run.lateness().get(design)).toList());
		}
		Charts.lateness(lateness, chartDirectory.resolve("lateness.png"));
		Charts.storm(medianStorms(), chartDirectory.resolve("storm.png"));
		String directory = markdown.getParent().relativize(chartDirectory).toString();
		Files.writeString(markdown, markdown(directory));
	}

	/** The three lines quoted in the README and printed at the end. */
	public List<String> headline() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"**Create:** %s orders/s through `POST /api/orders` with %d clients (p99 %s ms), %s of what "
						+ "PostgreSQL alone commits for the same transaction (%s tx/s).",
				summary((run) -> run.throughput().ordersPerSecond()).format("%.0f"), this.settings.clients(),
				summary((run) -> Stats.percentile(run.throughput().latencyMillis(), 99)).format("%.0f"),
				summary(this::ceilingFraction).format("%.0f%%"),
				summary((run) -> run.ceiling().perSecond()).format("%.0f")));
		lines.add(String.format(Locale.ROOT,
				"**Timers** (%,d pending, %,d due in the run): p99 lateness %s for the service against %s (1-s poller), "
						+ "%s (10-s poller), %s / %s (db-scheduler default / lock-and-fetch); the single TTL queue "
						+ "fired %s of its due timers; late by more than 2 s: service %s of %,d.",
				this.settings.pendingTarget(), this.settings.dueCount(), p99(Design.SERVICE), p99(Design.POLLER_1S),
				p99(Design.POLLER_10S), p99(Design.DB_SCHEDULER), p99(Design.DB_SCHEDULER_LOCK_AND_FETCH),
				summary((run) -> 100.0 * run.lateness().get(Design.TTL_QUEUE).seconds().length
						/ run.lateness().get(Design.TTL_QUEUE).due())
					.format("%.1f%%"),
				summary((run) -> (double) run.lateness().get(Design.SERVICE).lateBy(2)).format("%.0f"),
				this.settings.dueCount()));
		lines.add(String.format(Locale.ROOT,
				"**Storm:** %,d orders due in the same second all cancelled, events published, %s after the "
						+ "deadline (%s cancels/s; the broker alone dead-letters %s msg/s); 1-s poller %s, "
						+ "db-scheduler %s / %s, TTL queue (empty) %s.",
				this.settings.stormSize(), stormSummary(Design.SERVICE, Results.Storm::allPublishedAfter),
				summary((run) -> run.storms().get(Design.SERVICE).cancelsPerSecond()).format("%,.0f"),
				summary((run) -> run.deadLetters().perSecond()).format("%.0f"),
				stormSummary(Design.POLLER_1S, Results.Storm::allCancelledAfter),
				stormSummary(Design.DB_SCHEDULER, Results.Storm::allCancelledAfter),
				stormSummary(Design.DB_SCHEDULER_LOCK_AND_FETCH, Results.Storm::allCancelledAfter),
				stormSummary(Design.TTL_QUEUE, Results.Storm::allCancelledAfter)));
		return lines;
	}

	private String p99(Design design) {
		return format(summary((run) -> run.lateness().get(design).percentile(99)), this::lateness);
	}

	private String stormSummary(Design design, ToDoubleFunction<Results.Storm> figure) {
		return format(summary((run) -> figure.applyAsDouble(run.storms().get(design))), this::stormSeconds);
	}

	private String markdown(String charts) {
		StringBuilder md = new StringBuilder();
		int runCount = this.runs.size();
		md.append("# Benchmarks\n\n");
		md.append("<!-- Written by bin/benchmark; edits are overwritten. -->\n\n");
		if (this.settings.smoke()) {
			md.append("> **Smoke settings** (`--smoke`): shortened workloads and ")
				.append(runCount)
				.append(" run(s). These figures only show that the benchmark works; do not quote them.\n\n");
		}
		md.append("Headline (median of ")
			.append(runCount)
			.append(runCount == 1 ? " run" : " runs")
			.append(" on one ")
			.append(this.facts.cores())
			.append("-core machine that also runs PostgreSQL, RabbitMQ and the load generator):\n\n");
		for (String line : headline()) {
			md.append("- ").append(line).append('\n');
		}
		md.append('\n');
		md.append("Reproduce with `")
			.append(this.settings.command())
			.append("` (this one took ")
			.append(Math.round(this.facts.wallSeconds() / 60))
			.append(" min, started ")
			.append(this.facts.started().truncatedTo(ChronoUnit.SECONDS))
			.append(this.settings.smoke() ? "); the full benchmark is `bin/benchmark`. "
					: "); `bin/benchmark --smoke` is a quick check that takes a few minutes. ")
			.append("Every figure is the median of the runs with the minimum and maximum in brackets.\n\n");

		machine(md);
		method(md);
		throughput(md, charts);
		precision(md, charts);
		storm(md, charts);
		ratios(md);
		footprint(md);
		howToRead(md);
		notes(md);
		return md.toString();
	}

	private void machine(StringBuilder md) {
		md.append("## Machine\n\n");
		md.append("| | |\n| --- | --- |\n");
		row(md, "CPU", this.facts.cpu() + ", " + this.facts.cores() + " cores (nproc)");
		row(md, "Memory", this.facts.memory() + " (MemTotal)");
		row(md, "OS", this.facts.os());
		row(md, "Java", this.facts.java());
		row(md, "Database", this.facts.postgres() + ", local, default configuration of the package");
		row(md, "Broker", this.facts.rabbit() + ", local");
		row(md, "Broker: `dead_letter_worker_consumer_prefetch`", this.facts.deadLetterPrefetch());
		Set<String> others = new LinkedHashSet<>();
		for (Results.Run run : this.runs) {
			others.addAll(run.otherProcesses());
		}
		row(md, "Load average before each run",
				String.join(", ", this.runs.stream().map(Results.Run::loadAverageBefore).toList()));
		row(md, "Other builds or Java apps seen during the runs",
				others.isEmpty() ? "none" : "`" + String.join("`<br>`", others) + "`");
		md.append('\n');
	}

	private void method(StringBuilder md) {
		md.append("## What runs, and how it is measured\n\n");
		md.append("- Everything runs on this one machine: PostgreSQL, RabbitMQ, both apps, the HTTP load generator and "
				+ "the baselines (inside the benchmark's JVM). The figures are what a 2-core box does with all of it, "
				+ "not what each part does alone.\n");
		md.append("- Each run starts both apps from their jars with the JVM options `bin/start` gives them "
				+ "(`java @bin/jvm.options -jar`, listed below) and the service's default settings, on free "
				+ "ports, against a fresh database `orderflow_bench` (schema by the service's own Flyway migrations) "
				+ "and the topology prefix `bench.`; it stops them and deletes the `bench.` queues and exchanges at "
				+ "the end. Each baseline has its own fresh database with the same schema.\n");
		md.append("- Every baseline cancels with the same guarded update as the service: `UPDATE orders SET "
				+ "status='CANCELLED', cancel_reason='PAYMENT_TIMEOUT', cancelled_at=now() WHERE order_no=? AND "
				+ "status='PENDING_PAYMENT' AND payment_deadline <= now()` (the pollers: the same guard on up to "
				+ "1,000 rows per statement, `FOR UPDATE SKIP LOCKED`). Baselines insert their orders directly and "
				+ "write no event; the service also stores an `order.cancelled` event in the same transaction and "
				+ "publishes it (with publisher confirms) afterwards.\n");
		md.append("- Lateness and storm times are read from the databases: `cancelled_at - payment_deadline` "
				+ "(`cancelled_at` is set by the cancelling transaction, which commits right after), and for the "
				+ "service `outbox_message.published_at` of the `order.cancelled` events.\n");
		md.append("\n| Setting | Value |\n| --- | --- |\n");
		row(md, "Runs", String.valueOf(this.settings.runs()));
		row(md, "JVM options of both apps (`bin/jvm.options`)",
				"`" + String.join(" ", this.facts.appJvmOptions()) + "`");
		row(md, "HTTP clients / JDBC clients", this.settings.clients() + " / " + this.settings.clients());
		row(md, "Create throughput", this.settings.warmUp().toSeconds() + " s warm-up, then "
				+ this.settings.throughputDuration().toSeconds() + " s measured");
		row(md, "Database ceiling", this.settings.ceilingDuration().toSeconds() + " s replay");
		row(md, "Pending orders per design", String.format(Locale.ROOT, "at least %,d, %.0f%% due in the run",
				this.settings.pendingTarget(), this.settings.dueFraction() * 100));
		row(md, "Expiry storm",
				String.format(Locale.ROOT, "%,d orders due in the same second", this.settings.stormSize()));
		row(md, "Broker dead-letter measurement",
				String.format(Locale.ROOT, "%,d messages expiring at once", this.settings.deadLetterMessages()));
		md.append('\n');
	}

	private void throughput(StringBuilder md, String charts) {
		md.append("## 1. Create throughput\n\n");
		md.append(String.format(Locale.ROOT,
				"%d clients in a closed loop (each sends its next request when the previous one is answered) create "
						+ "orders with two items through `POST /api/orders` for %d s after a %d-s warm-up. Each "
						+ "request is one transaction (the order, its items, its `order.created` event and its payment "
						+ "timer in the outbox), after which the outbox relay publishes both messages with publisher "
						+ "confirms. The database ceiling replays that same transaction (same statements, same "
						+ "payloads, same JDBC driver options) directly with %d JDBC clients on a fresh database, "
						+ "in the same run, while the apps sit idle.%n%n",
				this.settings.clients(), this.settings.throughputDuration().toSeconds(),
				this.settings.warmUp().toSeconds(), this.settings.clients()));
		md.append("| Figure | Median (min–max) |\n| --- | --- |\n");
		row(md, "Service: orders/s", summary((run) -> run.throughput().ordersPerSecond()).format("%.0f"));
		row(md, "Service: latency p50 / p99 / max, ms",
				summary((run) -> Stats.percentile(run.throughput().latencyMillis(), 50)).format("%.1f") + " / "
						+ summary((run) -> Stats.percentile(run.throughput().latencyMillis(), 99)).format("%.1f")
						+ " / "
						+ summary((run) -> Stats.percentile(run.throughput().latencyMillis(), 100)).format("%.0f"));
		row(md, "Service: failed requests", summary((run) -> (double) run.throughput().errors()).format("%.0f"));
		row(md, "Service: outbox messages not yet published when the window closed",
				summary((run) -> (double) run.outboxBacklog()).format("%,.0f"));
		row(md, "Service: time until the relays had published them, s",
				summary(Results.Run::outboxDrainSeconds).format("%.1f"));
		row(md, "Database ceiling: transactions/s", summary((run) -> run.ceiling().perSecond()).format("%.0f"));
		row(md, "Database ceiling: latency p50 / p99, ms", summary((run) -> run.ceiling().p50Millis()).format("%.1f")
				+ " / " + summary((run) -> run.ceiling().p99Millis()).format("%.1f"));
		row(md, "**Service as a share of the ceiling**", "**" + summary(this::ceilingFraction).format("%.0f%%") + "**");
		md.append('\n');
		cpu(md, "Where the CPU went during the measured window (cores busy on average; the machine has "
				+ this.facts.cores() + "):", Results.Run::throughputCpu);
		md.append("![Orders created per second](").append(charts).append("/throughput.png)\n\n");
	}

	private void precision(StringBuilder md, String charts) {
		md.append("## 2. Timer precision with mixed deadlines\n\n");
		md.append(String.format(Locale.ROOT,
				"Every design holds at least %,d pending orders. Their deadlines are drawn evenly from minutes "
						+ "(30-59 min), hours (1-23 h) and days (1-29 d), except %.0f%% (%,d orders) due between %d "
						+ "and %d s after a common window opens; all are created in random order, so due orders sit "
						+ "among, and often behind, much longer ones. The service's population (%s pending) is the "
						+ "create-throughput orders plus a top-up in chunks of 1,000: the orders due in the run are "
						+ "placed through the API, the others are written straight into its tables exactly as the API "
						+ "writes them (their `order.created` events stored as already published), and its own outbox "
						+ "relay publishes their timers into the delay levels. The "
						+ "baselines' populations are inserted by JDBC. The window is common to all designs, so their "
						+ "due timers fire at the same time (about %.0f cancels/s per design, a light load); it "
						+ "closes %d s after the last due deadline, and a due order still pending then counts as not "
						+ "fired (its lateness is more than %d s).%n%n",
				this.settings.pendingTarget(), this.settings.dueFraction() * 100, this.settings.dueCount(),
				this.settings.dueFrom().toSeconds(), this.settings.dueTo().toSeconds(),
				summary((run) -> (double) run.pendingOrders()).format("%,.0f"),
				this.settings.dueCount()
						/ (double) (this.settings.dueTo().toSeconds() - this.settings.dueFrom().toSeconds()),
				this.settings.grace().toSeconds(), this.settings.grace().toSeconds()));
		md.append("| Design | Due | Fired in the window | Lateness p50 | p99 | max | Late by > 2 s |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			md.append("| ")
				.append(design == Design.SERVICE ? "**" + design.title() + "**" : design.title())
				.append(" | ")
				.append(String.format(Locale.ROOT, "%,d", this.runs.get(0).lateness().get(design).due()))
				.append(" | ")
				.append(summary((run) -> (double) run.lateness().get(design).seconds().length).format("%,.0f"))
				.append(" | ")
				.append(format(summary((run) -> run.lateness().get(design).percentile(50)), this::lateness))
				.append(" | ")
				.append(format(summary((run) -> run.lateness().get(design).percentile(99)), this::lateness))
				.append(" | ")
				.append(format(summary((run) -> run.lateness().get(design).max()), this::lateness))
				.append(" | ")
				.append(summary((run) -> (double) run.lateness().get(design).lateBy(2)).format("%,.0f"))
				.append(" |\n");
		}
		md.append('\n');
		md.append("![Lateness distribution per design](").append(charts).append("/lateness.png)\n\n");
	}

	private void storm(StringBuilder md, String charts) {
		md.append("## 3. Expiry storm\n\n");
		md.append(String.format(Locale.ROOT,
				"%,d orders are due in the same second (the middle of it). The service's are written into its tables "
						+ "as the API writes them (creation is measured in section 1) and its relay publishes their "
						+ "timers, which wait in the delay levels next to the precision workload's pending ones; the "
						+ "baselines' are inserted by JDBC into their databases, which still hold their pending "
						+ "populations, except the TTL queue's, which is emptied first (behind the precision "
						+ "workload's timers it would wait for days). One design at a time; times are measured from "
						+ "the deadline. Cancels/s is the storm's size over the time from the deadline to the last "
						+ "cancel, like the broker's rate below; for the service, \"events published\" is when the "
						+ "last `order.cancelled` event was confirmed by the broker.%n%n",
				this.settings.stormSize()));
		md.append("| Design | First cancel | All cancelled | Events published | Cancels/s | Share of the broker's "
				+ "dead-letter rate |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			md.append("| ")
				.append(design == Design.SERVICE ? "**" + design.title() + "**" : design.title())
				.append(" | ")
				.append(format(summary((run) -> run.storms().get(design).firstAfter()), this::stormSeconds))
				.append(" | ")
				.append(format(summary((run) -> run.storms().get(design).allCancelledAfter()), this::stormSeconds))
				.append(" | ")
				.append(design == Design.SERVICE
						? format(summary((run) -> run.storms().get(design).allPublishedAfter()), this::stormSeconds)
						: "no events")
				.append(" | ")
				.append(summary((run) -> run.storms().get(design).cancelsPerSecond()).format("%,.0f"))
				.append(" | ")
				.append(summary(
						(run) -> 100 * run.storms().get(design).cancelsPerSecond() / run.deadLetters().perSecond())
					.format("%.0f%%"))
				.append(" |\n");
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"The broker's own dead-letter rate, measured in the same run: %,d persistent messages that expire at "
						+ "the same instant in a quorum queue with at-least-once dead-lettering (like each delay "
						+ "level) reach a quorum sink queue at **%s msg/s** (from their expiry until the sink holds "
						+ "all of them, %s). A timer of the service is dead-lettered once per 1 bit of its delay, "
						+ "then consumed by a listener that cancels in its own transaction.%n%n",
				this.settings.deadLetterMessages(), summary((run) -> run.deadLetters().perSecond()).format("%,.0f"),
				format(summary((run) -> run.deadLetters().seconds()), this::stormSeconds)));
		cpu(md, "Where the CPU went during the service's storm (from writing its orders until the last event "
				+ "was published; cores busy on average):", Results.Run::serviceStormCpu);
		md.append("![Storm: share cancelled over time](").append(charts).append("/storm.png)\n\n");
	}

	private void ratios(StringBuilder md) {
		md.append("## 4. The service against each baseline\n\n");
		md.append("Ratios per run, then the median (min–max) over the runs. Above 1 means the service did better; "
				+ "\"∞\" means the baseline's figure never happened in the observation window.\n\n");
		md.append("| Baseline | p50 lateness: baseline ÷ service | p99 lateness: baseline ÷ service | Late by > 2 s: "
				+ "baseline / service | Storm, all cancelled: baseline ÷ service | Storm cancels/s: service ÷ "
				+ "baseline |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			if (!design.isBaseline()) {
				continue;
			}
			md.append("| ")
				.append(design.title())
				.append(" | ")
				.append(ratio(summary((run) -> run.lateness().get(design).percentile(50)
						/ run.lateness().get(Design.SERVICE).percentile(50))))
				.append(" | ")
				.append(ratio(summary((run) -> run.lateness().get(design).percentile(99)
						/ run.lateness().get(Design.SERVICE).percentile(99))))
				.append(" | ")
				.append(summary((run) -> (double) run.lateness().get(design).lateBy(2)).format("%,.0f"))
				.append(" / ")
				.append(summary((run) -> (double) run.lateness().get(Design.SERVICE).lateBy(2)).format("%,.0f"))
				.append(" | ")
				.append(ratio(summary((run) -> run.storms().get(design).allCancelledAfter()
						/ run.storms().get(Design.SERVICE).allCancelledAfter())))
				.append(" | ")
				.append(ratio(summary((run) -> run.storms().get(Design.SERVICE).cancelsPerSecond()
						/ run.storms().get(design).cancelsPerSecond())))
				.append(" |\n");
		}
		md.append('\n');
	}

	private void footprint(StringBuilder md) {
		md.append("## 5. Footprint\n\n");
		md.append("Resident memory (VmRSS from `/proc/<pid>/status`; the broker is its `beam.smp`) right after "
				+ "start-up, and again once the service holds its pending population (after the create-throughput "
				+ "load). The apps keep no per-timer state: pending timers live in the broker's delay-level queues "
				+ "and in the database, so the apps' growth is JVM heap warming up under load, not timers.\n\n");
		md.append("| Process | Idle after start-up, MiB | Holding the pending population, MiB | Per 100,000 pending "
				+ "timers, MiB |\n");
		md.append("| --- | ---: | ---: | ---: |\n");
		md.append("| order-api | ")
			.append(summary((run) -> run.footprint().apiIdleKb() / 1024.0).format("%.0f"))
			.append(" | ")
			.append(summary((run) -> run.footprint().apiKb() / 1024.0).format("%.0f"))
			.append(" | none held |\n");
		md.append("| order-timeout-consumer | ")
			.append(summary((run) -> run.footprint().consumerIdleKb() / 1024.0).format("%.0f"))
			.append(" | ")
			.append(summary((run) -> run.footprint().consumerKb() / 1024.0).format("%.0f"))
			.append(" | none held |\n");
		md.append("| RabbitMQ (beam.smp) | ")
			.append(summary((run) -> run.footprint().brokerIdleKb() / 1024.0).format("%.0f"))
			.append(" | ")
			.append(summary((run) -> run.footprint().brokerKb() / 1024.0).format("%.0f"))
			.append(" | ")
			.append(summary((run) -> (run.footprint().brokerKb() - run.footprint().brokerIdleKb()) / 1024.0 * 100_000
					/ Math.max(run.footprint().pendingTimers(), 1))
				.format("%.0f"))
			.append(" (RSS growth) |\n");
		if (this.runs.stream().allMatch((run) -> run.footprint().queueMemoryBytes() >= 0)) {
			md.append("| delay-level queues (rabbitmqctl `list_queues memory`) | | ")
				.append(summary((run) -> run.footprint().queueMemoryBytes() / 1048576.0).format("%.1f"))
				.append(" | ")
				.append(summary((run) -> run.footprint().queueMemoryBytes() / 1048576.0 * 100_000
						/ Math.max(run.footprint().pendingTimers(), 1))
					.format("%.1f"))
				.append(" |\n");
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"Timers in the delay levels at that moment: %s. For comparison, the single TTL queue's %,d "
						+ "persistent messages grew the broker's RSS by %s MiB.%n%n",
				summary((run) -> (double) run.footprint().pendingTimers()).format("%,.0f"),
				this.runs.get(0).footprint().ttlTimers(),
				summary((run) -> run.footprint().ttlBrokerDeltaKb() / 1024.0).format("%.0f")));
		md.append("Database size holding the pending population (`pg_database_size`, including indexes; the "
				+ "service's also holds the published outbox messages, kept 7 days by default, and the orders' items):\n\n");
		md.append("| Design | Pending orders | Database size, MiB |\n| --- | ---: | ---: |\n");
		for (Design design : Design.values()) {
			md.append("| ")
				.append(design.title())
				.append(" | ")
				.append((design == Design.SERVICE) ? summary((run) -> (double) run.pendingOrders()).format("%,.0f")
						: String.format(Locale.ROOT, "%,d", this.settings.pendingTarget()))
				.append(" | ")
				.append(summary((run) -> run.footprint().databaseBytes().getOrDefault(design, -1L) / 1048576.0)
					.format("%.0f"))
				.append(" |\n");
		}
		md.append('\n');
		md.append("Start-up, from process start until `/actuator/health` first answers UP (including Flyway on an "
				+ "empty database for the first app, and declaring the topology):\n\n");
		md.append("| App | Start-up, s |\n| --- | ---: |\n");
		row(md, "order-api", summary((run) -> run.startup().apiSeconds()).format("%.1f"));
		row(md, "order-timeout-consumer", summary((run) -> run.startup().consumerSeconds()).format("%.1f"));
		md.append('\n');
	}

	private void howToRead(StringBuilder md) {
		md.append("## How to read this\n\n");
		md.append("- **The service (binary delay levels).** A timer waits in the broker, not in a table that someone "
				+ "polls: its lateness does not depend on a polling interval or on how many timers are pending, only "
				+ "on rounding its delay up to whole seconds (up to 1 s) plus one dead-lettering per 1 bit of the "
				+ "delay and the cancel itself. It pays for that on creation (every order writes two outbox rows and "
				+ "two confirmed publishes, on top of HTTP and JSON) and in a storm, where every timer passes "
				+ "through at-least-once dead-lettering, a listener and a per-order transaction that also writes "
				+ "and publishes an event. Under sustained full-speed creation its outbox relays fall behind (see "
				+ "the backlog in section 1); a timer's delay is computed when it is published, so that only makes "
				+ "it late if the backlog outlasts its timeout.\n");
		md.append("- **Single per-message-TTL queue.** The simplest broker recipe, and fine while every timer has the "
				+ "same TTL: the empty-queue storm shows it is fast then. With mixed deadlines RabbitMQ only expires "
				+ "the message at the head, so a timer due in seconds waits behind one due in days: most due timers "
				+ "did not fire at all during the run. Classic-queue dead-lettering is also at-most-once.\n");
		md.append("- **Database poller.** Simple, needs no broker, and cancels a storm in a few large statements, "
				+ "which makes it the fastest at draining one (it writes no events here). Its lateness is bounded "
				+ "by the interval: about half of it on average, all of it at worst, so a 1-s poller misses a 2-s "
				+ "target only under load, and a 10-s poller routinely. It queries the database every interval "
				+ "whether or not anything is due.\n");
		md.append("- **db-scheduler.** A durable, cluster-safe scheduler with retries and dead-execution detection; "
				+ "with the default 10-s polling interval its lateness is like the 10-s poller's. Each task runs in "
				+ "its own transaction on a pool of 10 threads, which bounds its storm rate; lock-and-fetch picks "
				+ "and locks due executions in one statement and keeps the threads busier.\n");
		md.append("- All of this runs on 2 cores shared by every component, so absolute figures are low and noisy; "
				+ "compare designs within the same run and read the min–max ranges before trusting small "
				+ "differences.\n\n");
	}

	private void notes(StringBuilder md) {
		md.append("## Notes from the runs\n\n");
		boolean any = false;
		for (Results.Run run : this.runs) {
			if (!Double.isNaN(run.sweeperCancelled()) && run.sweeperCancelled() > 0) {
				md.append(String.format(Locale.ROOT,
						"- Run %d: the timeout consumer's safety-net sweeper cancelled %.0f orders (their timers "
								+ "were more than a minute late).%n",
						run.number(), run.sweeperCancelled()));
				any = true;
			}
			for (String note : run.notes()) {
				md.append("- Run ").append(run.number()).append(": ").append(note).append('\n');
				any = true;
			}
		}
		if (!any) {
			md.append("- Nothing unusual: no failed requests, no timer fired before its deadline, no order left to "
					+ "the service's safety-net sweeper.\n");
		}
		md.append(String.format(Locale.ROOT, "- Wall time of the runs: %s.%n",
				String.join(", ",
						this.runs.stream()
							.map((run) -> String.format(Locale.ROOT, "%.1f min", run.wallSeconds() / 60))
							.toList())));
	}

	private void cpu(StringBuilder md, String title, Function<Results.Run, Map<String, Double>> usage) {
		md.append(title).append("\n\n| Process | Cores |\n| --- | ---: |\n");
		for (String name : usage.apply(this.runs.get(0)).keySet()) {
			row(md, name.equals("whole machine") ? "**whole machine**" : name,
					summary((run) -> usage.apply(run).getOrDefault(name, Double.NaN)).format("%.2f"));
		}
		md.append('\n');
	}

	private Map<Design, Results.Storm> medianStorms() {
		Map<Design, Results.Storm> median = new EnumMap<>(Design.class);
		for (Design design : Design.values()) {
			List<Results.Storm> storms = new ArrayList<>(
					this.runs.stream().map((run) -> run.storms().get(design)).toList());
			storms.sort((a, b) -> Double.compare(a.allCancelledAfter(), b.allCancelledAfter()));
			median.put(design, storms.get((storms.size() - 1) / 2));
		}
		return median;
	}

	private double ceilingFraction(Results.Run run) {
		return 100 * run.throughput().ordersPerSecond() / run.ceiling().perSecond();
	}

	private Summary summary(Function<Results.Run, Double> figure) {
		return Summary.of(this.runs.stream().map(figure).toList());
	}

	private static String format(Summary summary, DoubleFunction<String> value) {
		if (summary.isEmpty()) {
			return "n/a";
		}
		if (summary.count() == 1 || summary.min() == summary.max()) {
			return value.apply(summary.median());
		}
		return value.apply(summary.median()) + " (" + value.apply(summary.min()) + "–" + value.apply(summary.max())
				+ ")";
	}

	private static String ratio(Summary summary) {
		return format(summary,
				(value) -> Double.isInfinite(value) ? "∞" : Stats.format((value < 0.1) ? "%.2f×" : "%.1f×", value));
	}

	private String lateness(double value) {
		if (Double.isInfinite(value)) {
			return "not fired (> " + this.settings.grace().toSeconds() + " s)";
		}
		return seconds(value);
	}

	private String stormSeconds(double value) {
		if (Double.isInfinite(value)) {
			return "not done in " + this.settings.stormTimeout().toSeconds() + " s";
		}
		return seconds(value);
	}

	/** A duration in seconds for people: NaN is n/a, infinity is never. */
	public static String seconds(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		if (Double.isInfinite(value)) {
			return "never";
		}
		return String.format(Locale.ROOT, (Math.abs(value) < 10) ? "%.2f s" : "%.1f s", value);
	}

	private static void row(StringBuilder md, String name, String value) {
		md.append("| ").append(name).append(" | ").append(value).append(" |\n");
	}

}
