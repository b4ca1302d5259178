package io.orderflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.Redis;
import io.orderflow.benchmark.infra.ServiceJars;
import io.orderflow.benchmark.report.Report;
import io.orderflow.benchmark.routing.RoutingComparison;
import io.orderflow.benchmark.workload.SchedulingRates;

/**
 * Runs the benchmark and writes {@code docs/benchmarks.md}; or, with {@code --profile},
 * only records order-api's profile under load. Started by
 * {@code bin/benchmark [--smoke] [--runs N] [--profile FILE]} from the repository's root,
 * after the build.
 */
public final class Benchmark {

	private static final Path PROFILE_BEFORE = Path.of("docs/benchmarks/profile-before.md");

	private Benchmark() {
	}

	public static void main(String[] args) throws Exception {
		boolean smoke = false;
		Integer runs = null;
		Path profile = null;
		boolean routing = false;
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--smoke" -> smoke = true;
				case "--routing" -> routing = true;
				case "--runs" -> {
					if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]*")) {
						usage("--runs needs a positive number");
					}
					runs = Integer.parseInt(args[++i]);
				}
				case "--profile" -> {
					if (i + 1 >= args.length || !args[i + 1].endsWith(".md")) {
						usage("--profile needs the markdown file to write");
					}
					profile = Path.of(args[++i]);
				}
				case "-h", "--help" -> usage(null);
				default -> usage("unknown argument " + args[i]);
			}
		}
		Settings settings = smoke ? Settings.smoke((runs != null) ? runs : 1)
				: Settings.full((runs != null) ? runs : 3);
		quietLibraries();
		System.setProperty("java.awt.headless", "true");

		Path root = Path.of("").toAbsolutePath();
		if (!Files.isDirectory(root.resolve("order-api")) || !Files.isDirectory(root.resolve("docs"))) {
			usage("run from the repository's root (bin/benchmark does)");
		}
		Path logs = root.resolve("benchmark/target/benchmark-logs");
		Files.createDirectories(logs);
		log("app logs in " + root.relativize(logs));
		try (Rabbit rabbit = Rabbit.fromEnvironment(); Redis redis = Redis.fromEnvironment()) {
			Infrastructure infrastructure = new Infrastructure(Postgres.fromEnvironment(), rabbit, redis);
			if (routing) {
				RoutingComparison.run(rabbit);
			}
			else if (profile != null) {
				ProfileRun.run(settings, infrastructure, root, logs, root.resolve(profile));
			}
			else {
				benchmark(settings, infrastructure, root, logs);
			}
		}
	}

	private static void benchmark(Settings settings, Infrastructure infrastructure, Path root, Path logs)
			throws Exception {
		Instant started = Instant.now();
		long began = System.nanoTime();
		log("settings: " + settings);
		// asked first, so that a server that does not answer stops the benchmark at once
		String postgres = infrastructure.postgres().version();
		String rabbit = infrastructure.rabbit().version();
		String redis = infrastructure.redis().version();
		SchedulingRates rates = new SchedulingRates();
		List<Results.Run> results = new ArrayList<>();
		for (int run = 1; run <= settings.runs(); run++) {
			log("run " + run + " of " + settings.runs());
			results.add(new BenchmarkRun(settings, run, infrastructure, rates, root, logs).execute());
		}
		Report.Facts facts = new Report.Facts(Machine.cpuModel(), Machine.cores(), Machine.memTotal(), Machine.os(),
				Machine.javaVersion(), postgres, rabbit, redis, ServiceJars.jvmOptions(root), started,
				(System.nanoTime() - began) / 1e9);

		Path profileBefore = root.resolve(PROFILE_BEFORE);
		Report report = new Report(settings, results, facts,
				Files.exists(profileBefore) ? Files.readString(profileBefore) : null);
		Path markdown = root.resolve("docs/benchmarks.md");
		report.write(markdown, root.resolve("docs/benchmarks"));
		System.out.println();
		System.out.println("Benchmark finished in " + Math.round(facts.wallSeconds() / 60) + " min; wrote "
				+ root.relativize(markdown) + " and docs/benchmarks/*.png");
		for (String line : report.headline()) {
			System.out.println("  - " + line.replace("**", ""));
		}
		System.out.println("Reproduce with: " + settings.command());
	}

	public static void log(String message) {
		System.out.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " benchmark: " + message);
	}

	/**
	 * The libraries (HikariCP, db-scheduler, Flyway, the AMQP client) log warnings only.
	 */
	private static void quietLibraries() {
		Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
		if (root instanceof ch.qos.logback.classic.Logger logback) {
			logback.setLevel(Level.WARN);
		}
	}

	private static void usage(String problem) {
		if (problem != null) {
			System.err.println("benchmark: " + problem);
		}
		System.err.println("usage: bin/benchmark [--smoke] [--runs N] [--profile FILE.md] [--routing]");
		System.err.println("  --smoke          shortened workloads and one run, for a quick check (a few minutes)");
		System.err.println("  --runs N         repetitions (default 3, 1 with --smoke); figures are medians over them");
		System.err.println("  --profile FILE   only the create-throughput window, writing order-api's CPU profile to");
		System.err.println("                   FILE (" + PROFILE_BEFORE + " is the report's \"before\")");
		System.err.println("  --routing        only compare ways to route timers through delay levels on the broker");
		System.exit((problem != null) ? 2 : 0);
	}

}
