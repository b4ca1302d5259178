package io.orderflow.benchmark.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

/**
 * The fault suite: {@code bin/faults [scenario...] [option...]} (see {@link #usage}),
 * from the repository's root after the build. Runs the named scenarios (all by default)
 * in the order of the priorities, prints each ledger and writes
 * {@code docs/reliability.md}; exits with 1 when a scenario failed.
 */
public final class Faults {

	static final Path REPORT = Path.of("docs/reliability.md");

	static final Path WORK = Path.of("benchmark/target/faults");

	private static final int POSTGRES_PORT = 5442;

	private static final int SINGLE_NODE_PORT = 5711;

	private static final int CLUSTER_PORT = 5701;

	static final List<Scenario> SCENARIOS = List.of(new ApiKilled(), new ConsumerKilled(), new PostgresRestarted(),
			new ClusterLeaderKilled(), new BrokerRestarted(), new PaidAtDeadline(), new PoisonMessages(),
			new DuplicatedAnswers(), new ClockSkew(), new LinksCut(), new DesignsConsumerDown());

	private Faults() {
	}

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(Level.WARN);
		FaultSettings settings = FaultSettings.defaults();
		List<Scenario> chosen = new ArrayList<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--orders" -> settings = settings.withOrders(number(args, ++i));
				case "--timers" -> settings = settings.withTimers(number(args, ++i));
				case "--paid" -> settings = settings.withPaid(number(args, ++i));
				case "--clients" -> settings = settings.withClients(number(args, ++i));
				case "--rate" -> settings = settings.withRate(number(args, ++i));
				case "--outage" -> settings = settings.withOutage(Duration.ofSeconds(number(args, ++i)));
				case "--advanced-config" -> settings = settings.withAdvancedConfig(file(args, ++i));
				case "-h", "--help" -> usage(null);
				default -> chosen.add(SCENARIOS.stream()
					.filter((scenario) -> scenario.id().equals(arg))
					.findFirst()
					.orElseGet(() -> usage("unknown scenario or option " + arg)));
			}
		}
		if (chosen.isEmpty()) {
			chosen.addAll(SCENARIOS);
		}
		String command = "bin/faults " + String.join(" ", args);
		boolean allPassed = run(chosen, settings, command.trim());
		System.exit(allPassed ? 0 : 1);
	}

	private static boolean run(List<Scenario> chosen, FaultSettings settings, String command) throws Exception {
		Path root = Path.of("").toAbsolutePath();
		Path work = root.resolve(WORK);
		deleteTree(work);
		Path logs = Files.createDirectories(work.resolve("logs"));
		Map<Scenario, String> sections = new LinkedHashMap<>();
		boolean allPassed = true;
		System.out.println("faults: starting PostgreSQL on " + POSTGRES_PORT);
		try (LocalPostgres postgres = LocalPostgres.start(POSTGRES_PORT);
				Brokers brokers = new Brokers(work.resolve("rabbitmq"), SINGLE_NODE_PORT, CLUSTER_PORT,
						settings.advancedConfig())) {
			for (Scenario scenario : chosen) {
				System.out.println("faults: " + scenario.id() + ": " + scenario.title());
				Timeline timeline = new Timeline(scenario.id());
				Ledger ledger;
				try {
					List<BrokerNode> nodes = scenario.onCluster() ? brokers.cluster() : brokers.single();
					try (Stage stage = Stage.open(scenario.id(), root, logs, postgres, nodes, scenario.settings())) {
						ledger = scenario.run(stage, settings, timeline);
					}
				}
				catch (Exception ex) {
					// the whole story (an app's log tail) on the console, a line in the
					// report
					ex.printStackTrace();
					String why = firstLine(String.valueOf(ex.getMessage()));
					timeline.note("the scenario could not finish: " + ex.getClass().getSimpleName() + ": " + why);
					ledger = new Ledger(0, 0, 0, 0, Map.of(), new Ledger.Timers(0, 0, 0, 0, Duration.ZERO),
							new Ledger.Recovery(null, "not measured"), Map.of(),
							List.of("the scenario did not finish: " + why), timeline.entries());
				}
				String section = ReliabilityReport.section(scenario, settings, command, ledger);
				System.out.println(section);
				sections.put(scenario, section);
				allPassed &= ledger.passed();
				new ReliabilityReport(root.resolve(REPORT)).write(SCENARIOS, sections);
			}
		}
		System.out
			.println("faults: wrote " + REPORT + (allPassed ? "; every scenario passed" : "; SOME SCENARIOS FAILED"));
		return allPassed;
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end);
	}

	private static int number(String[] args, int index) {
		if (index >= args.length || !args[index].matches("[1-9][0-9]*")) {
			usage(args[index - 1] + " needs a positive number");
		}
		return Integer.parseInt(args[index]);
	}

	/** An existing file, or {@code null} for {@code none}. */
	private static @Nullable Path file(String[] args, int index) {
		if (index < args.length && args[index].equals("none")) {
			return null;
		}
		if (index >= args.length || !Files.isRegularFile(Path.of(args[index]))) {
			usage(args[index - 1] + " needs an existing file, or none");
		}
		return Path.of(args[index]).toAbsolutePath();
	}

	private static Scenario usage(String error) {
		StringBuilder out = new StringBuilder();
		if (error != null) {
			out.append("faults: ").append(error).append("\n\n");
		}
		FaultSettings defaults = FaultSettings.defaults();
		out.append("""
				bin/faults [scenario...] [--orders N] [--timers N] [--paid N] [--clients N] [--rate N]
				           [--outage SECONDS] [--advanced-config FILE|none]

				  --orders N        orders per burst or storm, and of duplicated-answers and clock-skew (default %d)
				  --timers N        timers pending while the broker restarts (default %d; the issue asks 100000)
				  --paid N          orders paid at their deadline (default %d)
				  --clients N       concurrent checkout clients (default %d)
				  --rate N          orders a second of the steady load under postgres-restarted and links-cut
				                    (default %d)
				  --outage SECONDS  how long PostgreSQL stays down, and each link in links-cut (default %d)
				  --advanced-config FILE|none  the RabbitMQ nodes' advanced.config (default: %s, the
				                    settings production requires; none: RabbitMQ's defaults)

				Scenarios (all, in this order, when none is named):
				""".formatted(defaults.orders(), defaults.timers(), defaults.paid(), defaults.clients(),
				defaults.rate(), defaults.outage().toSeconds(), FaultSettings.PRODUCTION_ADVANCED_CONFIG));
		for (Scenario scenario : SCENARIOS) {
			out.append("  ").append(String.format("%-22s", scenario.id())).append(scenario.title()).append('\n');
		}
		System.out.print(out);
		System.exit((error != null) ? 2 : 0);
		return null;
	}

	private static void deleteTree(Path directory) {
		Command.attempt(List.of("rm", "-rf", "--one-file-system", directory.toString()), Map.of(),
				Duration.ofMinutes(1));
	}

}
