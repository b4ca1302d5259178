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
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;

/**
 * Writes {@code docs/benchmarks.md} and its charts from the runs: the service's targets
 * first, then every workload, every figure as the median over the runs with the minimum
 * and maximum in brackets.
 */
public final class Report {

	private final Settings settings;

	private final List<Results.Run> runs;

	private final Facts facts;

	private final Figures figures;

	private final Targets targets;

	private final @Nullable String profileBefore;

	/**
	 * @param profileBefore the recorded "before" profile fragment, if any
	 */
	public Report(Settings settings, List<Results.Run> runs, Facts facts, @Nullable String profileBefore) {
		this.settings = settings;
		this.runs = runs;
		this.facts = facts;
		this.figures = new Figures(settings, runs);
		this.targets = new Targets(this.figures);
		this.profileBefore = profileBefore;
	}

	/**
	 * What the report says about the machine and the invocation.
	 *
	 * @param appJvmOptions the options both apps run with ({@code bin/jvm.options})
	 */
	public record Facts(String cpu, int cores, String memory, String os, String java, String postgres, String rabbit,
			String redis, List<String> appJvmOptions, Instant started, double wallSeconds) {
	}

	public void write(Path markdown, Path chartDirectory) throws IOException {
		Files.createDirectories(chartDirectory);
		Charts.throughput(this.runs, this.figures.summary((run) -> run.ceiling().perSecond()).median(),
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

	/**
	 * The lines quoted in the README and printed at the end: one per target, then the
	 * comparisons.
	 */
	public List<String> headline() {
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
		md.append("The service's targets, each checked in every run (met only if every run met it):\n\n");
		this.targets.table(md);
		md.append("Headline (median of ")
			.append(runCount)
			.append(runCount == 1 ? " run" : " runs")
			.append(" on one ")
			.append(this.facts.cores())
			.append("-core machine that also runs PostgreSQL, RabbitMQ, Redis and the load generator):\n\n");
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
		List<Section> sections = List.of(new ThroughputSection(this.figures, charts),
				new ProfileSection(this.figures, this.profileBefore), new BurstSection(this.figures),
				new PrecisionSection(this.figures, charts), new StormSection(this.figures, charts),
				new OutageSection(this.figures), new ComparisonSection(this.figures),
				new FootprintSection(this.figures));
		for (int i = 0; i < sections.size(); i++) {
			md.append("## ").append(i + 1).append(". ").append(sections.get(i).title()).append("\n\n");
			sections.get(i).appendTo(md);
		}
		HowToRead.appendTo(md);
		notes(md);
		return md.toString();
	}

	private void machine(StringBuilder md) {
		md.append("## Machine\n\n");
		md.append("| | |\n| --- | --- |\n");
		Figures.row(md, "CPU", this.facts.cpu() + ", " + this.facts.cores() + " cores (nproc)");
		Figures.row(md, "Memory", this.facts.memory() + " (MemTotal)");
		Figures.row(md, "OS", this.facts.os());
		Figures.row(md, "Java", this.facts.java());
		Figures.row(md, "Database", this.facts.postgres() + ", local, default configuration of the package");
		Figures.row(md, "Broker", this.facts.rabbit() + ", local");
		Figures.row(md, "Broker: `dead_letter_worker_consumer_prefetch` at the start of each run",
				String.join(", ", this.runs.stream().map(Results.Run::deadLetterPrefetch).toList()));
		Figures.row(md, "Redis (two baselines)", this.facts.redis() + ", local");
		Set<String> others = new LinkedHashSet<>();
		for (Results.Run run : this.runs) {
			others.addAll(run.otherProcesses());
		}
		Figures.row(md, "Load average before each run",
				String.join(", ", this.runs.stream().map(Results.Run::loadAverageBefore).toList()));
		Figures.row(md, "Other builds or Java apps seen during the runs",
				others.isEmpty() ? "none" : "`" + String.join("`<br>`", others) + "`");
		md.append('\n');
	}

	private void method(StringBuilder md) {
		md.append("## What runs, and how it is measured\n\n");
		md.append("- Everything runs on this one machine: PostgreSQL, RabbitMQ, Redis, both apps, the HTTP load "
				+ "generator and the baselines (inside the benchmark's JVM). The figures are what a 2-core box does "
				+ "with all of it, not what each part does alone.\n");
		md.append("- Each run starts both apps from their jars with the JVM options `bin/start` gives them "
				+ "(`java @bin/jvm.options -jar`, listed below) and the service's default settings, on free "
				+ "ports, against a fresh database `orderflow_bench` (schema by the service's own Flyway migrations) "
				+ "and the topology prefix `bench.`; it stops them and deletes the `bench.` queues and exchanges at "
				+ "the end. Each baseline has its own fresh database with the same schema; the Redis baselines' keys "
				+ "start with `bench:` and are deleted at the end.\n");
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
		Figures.row(md, "Runs", String.valueOf(this.settings.runs()));
		Figures.row(md, "JVM options of both apps (`bin/jvm.options`)",
				"`" + String.join(" ", this.facts.appJvmOptions()) + "`");
		Figures.row(md, "HTTP clients / JDBC clients", this.settings.clients() + " / " + this.settings.clients());
		Figures.row(md, "Create throughput",
				this.settings.warmUp().toSeconds() + " s warm-up, then "
						+ this.settings.throughputDuration().toSeconds() + " s measured; at the end of the run, "
						+ this.settings.profileDuration().toSeconds() + " s more with order-api under JFR");
		Figures.row(md, "Database ceiling", this.settings.ceilingDuration().toSeconds() + " s replay");
		Figures.row(md, "Burst",
				String.format(Locale.ROOT, "%,d orders, payment timeouts %d-%d s", this.settings.burstSize(),
						this.settings.burstTimeoutFrom().toSeconds(), this.settings.burstTimeoutTo().toSeconds()));
		Figures.row(md, "Pending orders per design", String.format(Locale.ROOT, "at least %,d, %.0f%% due in the run",
				this.settings.pendingTarget(), this.settings.dueFraction() * 100));
		Figures.row(md, "Expiry storm",
				String.format(Locale.ROOT, "%,d orders due in the same second", this.settings.stormSize()));
		Figures.row(md, "Broker dead-letter measurement",
				String.format(Locale.ROOT, "%,d messages expiring at once", this.settings.deadLetterMessages()));
		Figures.row(md, "Consumer down",
				String.format(Locale.ROOT, "%,d timers per design due during a %d-s stop, %d s to fire after it",
						this.settings.outageTimers(), this.settings.consumerDowntime().toSeconds(),
						this.settings.outageObservation().toSeconds()));
		md.append('\n');
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

	/** Per design, the run whose storm finished in the median time, for the chart. */
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

}
