package io.orderflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.benchmark.profile.ProfileTable;
import io.orderflow.benchmark.workload.CreateThroughput;
import io.orderflow.benchmark.workload.HttpLoad;
import io.orderflow.benchmark.workload.ServiceOutbox;

/**
 * {@code bin/benchmark --profile <file>}: only the create-throughput window, with
 * order-api's profile written to a markdown fragment. This is how
 * {@code docs/benchmarks/profile-before.md}, the "before" the report compares the fresh
 * profile with, is recorded; run it again to move the "before" to the current code.
 */
final class ProfileRun {

	/** What the profile's code is: the service's modules and how its JVMs run. */
	private static final List<String> SERVICE_PATHS = List.of("order-core", "order-api", "order-timeout-consumer",
			"pom.xml", "bin/jvm.options");

	private ProfileRun() {
	}

	static void run(Settings settings, Infrastructure infrastructure, Path root, Path logs, Path output)
			throws Exception {
		RunLog log = new RunLog(1);
		ServiceApps apps = new ServiceApps(root, logs, infrastructure.postgres(), Design.SERVICE.database(),
				infrastructure.rabbit());
		infrastructure.rabbit().deleteServiceTopology();
		infrastructure.postgres().recreate(Design.SERVICE.database());
		try (HikariDataSource serviceDb = infrastructure.postgres().pool(Design.SERVICE.database(), 2, "service")) {
			ServiceApp api = apps.start(ServiceApps.API, "profile-" + ServiceApps.API + ".log");
			ServiceApp consumer = apps.start(ServiceApps.CONSUMER, "profile-" + ServiceApps.CONSUMER + ".log");
			HttpLoad load = new HttpLoad(api.uri("/api/orders"), apps.tokens().checkout(), settings.clients());
			ServiceOutbox outbox = new ServiceOutbox(serviceDb, log);
			CreateThroughput.Window window = CreateThroughput.measure(settings, load, api, consumer, outbox, log);
			window = window.withProfile(
					CreateThroughput.profile(settings, load, api, outbox, logs.resolve("profile-order-api.jfr"), log));
			String measured = String.format(Locale.ROOT,
					"Measured %s on the service code of commit %s (`bin/benchmark --profile`): %d clients, %d s "
							+ "warm-up, %d s measured, then %d s recorded; %.0f orders/s, order-api %.2f ms CPU per "
							+ "order in the measured window.",
					LocalDate.now(ZoneOffset.UTC), serviceCommit(root), settings.clients(),
					settings.warmUp().toSeconds(), settings.throughputDuration().toSeconds(),
					settings.profileDuration().toSeconds(), window.load().ordersPerSecond(),
					window.apiCpuMillisPerOrder());
			Files.writeString(output, "<!-- Written by bin/benchmark --profile; docs/benchmarks.md shows it as the "
					+ "\"before\" profile. -->\n\n" + ProfileTable.markdown(measured, window.profile()));
			Benchmark.log("wrote " + root.relativize(output.toAbsolutePath()));
		}
		finally {
			apps.stopAll();
			infrastructure.rabbit().deleteServiceTopology();
			infrastructure.postgres().drop(Design.SERVICE.database());
		}
	}

	/**
	 * The last commit that changed the service's code, "with local changes" if the work
	 * tree changes it further.
	 */
	private static String serviceCommit(Path root) {
		String commit = git(root, "log", "-1", "--format=%h").stream()
			.filter((line) -> line.matches("[0-9a-f]{7,40}"))
			.findFirst()
			.orElse("unknown");
		return git(root, "status", "--porcelain").isEmpty() ? commit : commit + " with local changes";
	}

	/** A git command limited to the service's paths. */
	private static List<String> git(Path root, String... command) {
		List<String> arguments = new ArrayList<>(List.of("git", "-C", root.toString()));
		arguments.addAll(List.of(command));
		arguments.add("--");
		arguments.addAll(SERVICE_PATHS);
		return Machine.run(arguments);
	}

}
