package io.orderflow.benchmark;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.baseline.Baseline;
import io.orderflow.benchmark.baseline.DbSchedulerBaseline;
import io.orderflow.benchmark.baseline.PollerBaseline;
import io.orderflow.benchmark.baseline.TtlQueueBaseline;
import io.orderflow.benchmark.infra.CpuUsage;
import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.benchmark.report.Report;
import io.orderflow.benchmark.workload.DbCeiling;
import io.orderflow.benchmark.workload.DeadLetterRate;
import io.orderflow.benchmark.workload.HttpLoad;
import io.orderflow.benchmark.workload.OrderSpec;
import io.orderflow.benchmark.workload.Probes;
import io.orderflow.benchmark.workload.ServiceTables;
import io.orderflow.messaging.Topology;

/**
 * One run of every workload, in this order: start-up; create throughput and the
 * database's ceiling for the same transaction; the precision workload (the service's
 * pending population is created through the API, the baselines' inserted directly, then
 * the orders due in the run fire for every design in one common window); one expiry storm
 * per design, one after the other; the broker's own dead-letter rate.
 */
final class BenchmarkRun {

	private static final String CEILING_DATABASE = "orderflow_bench_ceiling";

	/**
	 * Timers per second each design schedules (orders inserted plus timers; for the
	 * service, until its relay has published them), used to plan when the precision
	 * window opens and when a storm is due; refined by every run.
	 */
	private static final Map<Design, Double> SCHEDULING_RATES = new EnumMap<>(
			Map.of(Design.SERVICE, 1_500.0, Design.TTL_QUEUE, 10_000.0, Design.POLLER_1S, 30_000.0, Design.POLLER_10S,
					30_000.0, Design.DB_SCHEDULER, 20_000.0, Design.DB_SCHEDULER_LOCK_AND_FETCH, 20_000.0));

	/**
	 * Storm timers per second the service's relays publish: all of them go to the same
	 * one or two delay levels, which is slower than spreading a population over many.
	 * Starts low and keeps the lowest rate seen, so that every storm timer is in the
	 * broker before the deadline.
	 */
	private static double stormPublishRate = 300;

	private final Settings settings;

	private final int number;

	private final Postgres postgres;

	private final Rabbit rabbit;

	private final ServiceApps apps;

	private final Random random;

	private final List<String> notes = new ArrayList<>();

	BenchmarkRun(Settings settings, int number, Postgres postgres, Rabbit rabbit, Path root, Path logs) {
		this.settings = settings;
		this.number = number;
		this.postgres = postgres;
		this.rabbit = rabbit;
		this.apps = new ServiceApps(root, logs, postgres, rabbit);
		this.random = new Random(42L + number);
	}

	Results.Run execute() throws Exception {
		long began = System.nanoTime();
		String loadBefore = Machine.loadAverage();
		List<String> others = new ArrayList<>(Machine.otherBusyProcesses(Set.of()));
		this.rabbit.deleteServiceTopology();
		this.postgres.recreate(Design.SERVICE.database());

		log("starting order-api and order-timeout-consumer");
		ServiceApps.App api = this.apps.start(ServiceApps.API, "run-" + this.number + "-order-api.log");
		ServiceApps.App consumer = this.apps.start(ServiceApps.CONSUMER,
				"run-" + this.number + "-order-timeout-consumer.log");
		Results.Startup startup = new Results.Startup(seconds(api.startup()), seconds(consumer.startup()));
		log("start-up: order-api %.1f s, order-timeout-consumer %.1f s", startup.apiSeconds(),
				startup.consumerSeconds());
		Thread.sleep(2000);
		long apiIdleKb = api.rssKb();
		long consumerIdleKb = consumer.rssKb();
		long brokerIdleKb = Machine.brokerRssKb();

		Map<Design, Baseline> baselines = new EnumMap<>(Design.class);
		HikariDataSource serviceDb = this.postgres.pool(Design.SERVICE.database(), 2, "service-probe");
		try {
			HttpLoad load = new HttpLoad(api.uri("/api/orders"), this.settings.clients());

			log("create throughput: %d clients, %d s warm-up, then %d s measured", this.settings.clients(),
					this.settings.warmUp().toSeconds(), this.settings.throughputDuration().toSeconds());
			HttpLoad.Result warmUp = load.runFor(this.settings.warmUp(),
					() -> OrderSpec.far(OrderSpec.LOAD, ThreadLocalRandom.current()));
			CpuUsage cpuBefore = CpuUsage.sample(api, consumer);
			HttpLoad.Result throughput = load.runFor(this.settings.throughputDuration(),
					() -> OrderSpec.far(OrderSpec.LOAD, ThreadLocalRandom.current()));
			Map<String, Double> throughputCpu = CpuUsage.sample(api, consumer).coresSince(cpuBefore);
			checkErrors("warm-up", warmUp);
			checkErrors("create throughput", throughput);
			log("create throughput: %.0f orders/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms", throughput.ordersPerSecond(),
					Stats.percentile(throughput.latencyMillis(), 50), Stats.percentile(throughput.latencyMillis(), 99),
					Stats.percentile(throughput.latencyMillis(), 100));
			long backlog = Probes.unpublished(serviceDb, false);
			long draining = System.nanoTime();
			awaitOutboxDrained(serviceDb, false);
			double drained = (System.nanoTime() - draining) / 1e9;
			log("outbox backlog when the window closed: %d messages, published within %.1f s", backlog, drained);

			DbCeiling.Result ceiling = ceiling(serviceDb);
			log("database ceiling for the same transaction: %.0f tx/s (%d clients)", ceiling.perSecond(),
					ceiling.clients());

			// precision workload: populations first, then one window in which every
			// design's due orders fire
			int due = this.settings.dueCount();
			long created = warmUp.created() + throughput.created();
			int far = (int) Math.max(this.settings.pendingTarget() - created - due, 0);
			double planned = 5;
			for (Design design : Design.values()) {
				int count = design.isBaseline() ? this.settings.pendingTarget() : far + due;
				planned += count / SCHEDULING_RATES.get(design) * 1.2 + 3;
			}
			Instant windowStart = Instant.now().plusMillis((long) (planned * 1000));
			Instant dueFrom = windowStart.plus(this.settings.dueFrom());
			Instant dueTo = windowStart.plus(this.settings.dueTo());
			log("precision: service tops up to %d pending orders, %d of them due between %s and %s",
					created + far + due, due, dueFrom, dueTo);
			ServiceTables tables = ServiceTables.of(serviceDb);
			long populating = System.nanoTime();
			HttpLoad.Result topUp = populateService(load, tables,
					OrderSpec.precision(far, due, dueFrom, dueTo, this.random));
			awaitOutboxDrained(serviceDb, false);
			SCHEDULING_RATES.put(Design.SERVICE, (far + due) / ((System.nanoTime() - populating) / 1e9));
			int servicePending = (int) (created + far + topUp.created());
			Topology topology = new Topology(Rabbit.PREFIX);
			Thread.sleep(1000);
			long pendingTimers = this.rabbit.pendingTimers(topology);
			long apiKb = api.rssKb();
			long consumerKb = consumer.rssKb();
			long brokerKb = Machine.brokerRssKb();
			long queueMemory = delayLevelMemory();
			Map<Design, Long> databaseBytes = new EnumMap<>(Design.class);
			databaseBytes.put(Design.SERVICE, Postgres.databaseSize(serviceDb));
			log("service holds %d pending orders, %d timers in the delay levels; RSS api %d MiB, consumer %d MiB, broker %d MiB",
					servicePending, pendingTimers, apiKb / 1024, consumerKb / 1024, brokerKb / 1024);

			List<OrderSpec> baselineSpecs = OrderSpec.precision(this.settings.pendingTarget() - due, due, dueFrom,
					dueTo, this.random);
			long ttlBrokerDeltaKb = -1;
			for (Design design : Design.values()) {
				if (!design.isBaseline()) {
					continue;
				}
				long brokerBefore = Machine.brokerRssKb();
				Baseline baseline = create(design);
				baselines.put(design, baseline);
				baseline.start();
				long started = System.nanoTime();
				baseline.schedule(baselineSpecs);
				double elapsed = (System.nanoTime() - started) / 1e9;
				SCHEDULING_RATES.put(design, baselineSpecs.size() / elapsed);
				databaseBytes.put(design, Postgres.databaseSize(baseline.dataSource()));
				if (design == Design.TTL_QUEUE) {
					Thread.sleep(1000);
					ttlBrokerDeltaKb = Machine.brokerRssKb() - brokerBefore;
				}
				log("%s: %d pending orders scheduled in %.1f s", design.title(), baselineSpecs.size(), elapsed);
			}
			if (Instant.now().isAfter(dueFrom)) {
				note("The populations took longer than planned: the first due orders were created %.1f s after "
						+ "the window opened.", seconds(Duration.between(dueFrom, Instant.now())));
			}
			if (topUp.tooLate() > 0) {
				note("%d of the service's due orders were created less than a second before their deadline.",
						topUp.tooLate());
			}

			Instant windowEnd = dueTo.plus(this.settings.grace());
			log("precision window: due orders fire until %s, then %d s grace", dueTo,
					this.settings.grace().toSeconds());
			awaitWindow(windowEnd, due, serviceDb, baselines);
			Map<Design, Results.Lateness> lateness = new EnumMap<>(Design.class);
			lateness.put(Design.SERVICE, Probes.lateness(Design.SERVICE, serviceDb, windowEnd));
			for (Baseline baseline : baselines.values()) {
				lateness.put(baseline.design(), Probes.lateness(baseline.design(), baseline.dataSource(), windowEnd));
			}
			for (Results.Lateness result : lateness.values()) {
				log("lateness %-38s p50 %s, p99 %s, max %s, late > 2 s: %d of %d", result.design().title(),
						Report.seconds(result.percentile(50)), Report.seconds(result.percentile(99)),
						Report.seconds(result.max()), result.lateBy(2), result.due());
			}

			Map<Design, Results.Storm> storms = new EnumMap<>(Design.class);
			CpuUsage stormBefore = CpuUsage.sample(api, consumer);
			storms.put(Design.SERVICE, serviceStorm(tables, serviceDb));
			Map<String, Double> serviceStormCpu = CpuUsage.sample(api, consumer).coresSince(stormBefore);
			for (Baseline baseline : baselines.values()) {
				storms.put(baseline.design(), baselineStorm(baseline));
			}

			log("broker dead-letter rate: %d messages expiring at once", this.settings.deadLetterMessages());
			DeadLetterRate.Result deadLetters = DeadLetterRate.measure(this.rabbit, this.settings.deadLetterMessages());
			log("broker dead-letter rate: %.0f msg/s", deadLetters.perSecond());
			if (!deadLetters.valid()) {
				note("The dead-letter measurement's messages were not all published before they expired.");
			}

			double sweeper = this.apps.metric(consumer, "order.sweeper.cancelled");
			for (Baseline baseline : baselines.values()) {
				if (baseline.early() > 0) {
					note("%s: %d timers arrived before their deadline.", baseline.design().title(), baseline.early());
				}
			}
			for (String other : Machine.otherBusyProcesses(Set.of(api.pid(), consumer.pid()))) {
				if (!others.contains(other)) {
					others.add(other);
				}
			}
			Results.Footprint footprint = new Results.Footprint(apiIdleKb, consumerIdleKb, brokerIdleKb, apiKb,
					consumerKb, brokerKb, pendingTimers, queueMemory, databaseBytes, ttlBrokerDeltaKb,
					baselineSpecs.size());
			return new Results.Run(this.number, startup, throughput, throughputCpu, backlog, drained, ceiling,
					servicePending, lateness, storms, serviceStormCpu, deadLetters, footprint, sweeper,
					List.copyOf(this.notes), others, loadBefore, (System.nanoTime() - began) / 1e9);
		}
		finally {
			for (Baseline baseline : baselines.values()) {
				try {
					baseline.close();
				}
				catch (Exception ex) {
					log("closing %s failed: %s", baseline.design(), ex);
				}
			}
			serviceDb.close();
			this.apps.stopAll();
			this.rabbit.deleteServiceTopology();
			for (Design design : Design.values()) {
				this.postgres.drop(design.database());
			}
		}
	}

	private Baseline create(Design design) throws SQLException {
		return switch (design) {
			case TTL_QUEUE -> new TtlQueueBaseline(this.postgres, this.rabbit);
			case POLLER_1S -> new PollerBaseline(design, this.postgres, Duration.ofSeconds(1));
			case POLLER_10S -> new PollerBaseline(design, this.postgres, Duration.ofSeconds(10));
			case DB_SCHEDULER -> new DbSchedulerBaseline(design, this.postgres, false);
			case DB_SCHEDULER_LOCK_AND_FETCH -> new DbSchedulerBaseline(design, this.postgres, true);
			case SERVICE -> throw new IllegalArgumentException("the service is not a baseline");
		};
	}

	/**
	 * Replays the service's create transaction, with payloads the service wrote, on a
	 * fresh database with the same schema.
	 */
	private DbCeiling.Result ceiling(DataSource serviceDb) throws Exception {
		String event = samplePayload(serviceDb, "order.created");
		String timer = samplePayload(serviceDb, "payment-timeout");
		this.postgres.recreate(CEILING_DATABASE);
		this.postgres.migrate(CEILING_DATABASE);
		try (HikariDataSource dataSource = this.postgres.pool(CEILING_DATABASE, this.settings.clients(), "ceiling")) {
			log("database ceiling: replaying the create transaction with %d JDBC clients for %d s",
					this.settings.clients(), this.settings.ceilingDuration().toSeconds());
			return DbCeiling.run(dataSource, this.settings.clients(), this.settings.ceilingDuration(), event, timer);
		}
		finally {
			this.postgres.drop(CEILING_DATABASE);
		}
	}

	private static String samplePayload(DataSource dataSource, String destination) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT payload FROM outbox_message WHERE destination = ? LIMIT 1")) {
			statement.setString(1, destination);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("the service wrote no " + destination + " message");
				}
				return rs.getString(1);
			}
		}
	}

	/**
	 * The service's precision population, in random order: orders due in the run are
	 * placed through the API, the others written straight into its tables, chunk by
	 * chunk.
	 */
	private HttpLoad.Result populateService(HttpLoad load, ServiceTables tables, List<OrderSpec> specs)
			throws Exception {
		long created = 0;
		long tooLate = 0;
		for (int from = 0; from < specs.size(); from += 1000) {
			List<OrderSpec> chunk = specs.subList(from, Math.min(from + 1000, specs.size()));
			tables.insert(chunk.stream().filter((spec) -> !spec.customerId().equals(OrderSpec.DUE)).toList());
			List<OrderSpec> due = chunk.stream().filter((spec) -> spec.customerId().equals(OrderSpec.DUE)).toList();
			if (!due.isEmpty()) {
				HttpLoad.Result result = load.runAll(due);
				checkErrors("precision population", result);
				created += result.created();
				tooLate += result.tooLate();
			}
		}
		return new HttpLoad.Result(0, 0, created, created, 0, tooLate, null, new double[0], new long[0]);
	}

	/**
	 * The storm's orders are written into the service's tables (their creation is not
	 * what is measured); its relay publishes their timers into the delay levels.
	 */
	private Results.Storm serviceStorm(ServiceTables tables, DataSource serviceDb) throws Exception {
		int size = this.settings.stormSize();
		Instant since = Instant.now();
		Instant deadline = halfSecond(since.plusMillis((long) ((size / stormPublishRate * 1.2 + 5) * 1000)));
		log("storm, %s: %d orders due at %s", Design.SERVICE.title(), size, deadline);
		tables.insert(OrderSpec.storm(size, deadline));
		awaitOutboxDrained(serviceDb, true);
		Instant timersPublished = Probes.timersPublished(serviceDb, since);
		if (timersPublished != null) {
			stormPublishRate = Math.min(stormPublishRate,
					size / Math.max(seconds(Duration.between(since, timersPublished)), 1));
		}
		if (timersPublished == null || timersPublished.isAfter(deadline)) {
			note("Storm, %s: its last timer was published after the deadline (%s).", Design.SERVICE.title(),
					timersPublished);
		}
		Instant giveUp = deadline.plus(this.settings.stormTimeout());
		while (Instant.now().isBefore(giveUp)) {
			if (Probes.stormCancels(serviceDb).count() >= size
					&& Probes.cancelledEvents(serviceDb, since).count() >= size) {
				break;
			}
			Thread.sleep(250);
		}
		Probes.StormCancels cancels = Probes.stormCancels(serviceDb);
		Probes.PublishedEvents events = Probes.cancelledEvents(serviceDb, since);
		double published = (events.count() >= size) ? seconds(Duration.between(deadline, events.last()))
				: Double.POSITIVE_INFINITY;
		return storm(Design.SERVICE, size, cancels, deadline, published, serviceDb);
	}

	private Results.Storm baselineStorm(Baseline baseline) throws Exception {
		int size = this.settings.stormSize();
		baseline.beforeStorm();
		double rate = SCHEDULING_RATES.get(baseline.design());
		Instant deadline = halfSecond(Instant.now().plusMillis((long) ((size / rate * 1.3 + 2) * 1000)));
		log("storm, %s: %d orders due at %s", baseline.design().title(), size, deadline);
		baseline.schedule(OrderSpec.storm(size, deadline));
		if (Instant.now().isAfter(deadline)) {
			note("Storm, %s: scheduling ended %.1f s after the deadline.", baseline.design().title(),
					seconds(Duration.between(deadline, Instant.now())));
		}
		Instant giveUp = deadline.plus(this.settings.stormTimeout());
		while (Instant.now().isBefore(giveUp) && Probes.stormCancels(baseline.dataSource()).count() < size) {
			Thread.sleep(250);
		}
		return storm(baseline.design(), size, Probes.stormCancels(baseline.dataSource()), deadline, Double.NaN,
				baseline.dataSource());
	}

	private Results.Storm storm(Design design, int size, Probes.StormCancels cancels, Instant deadline,
			double published, DataSource dataSource) throws SQLException {
		boolean complete = cancels.count() >= size;
		double first = (cancels.first() != null) ? seconds(Duration.between(deadline, cancels.first())) : Double.NaN;
		double last = (cancels.last() != null) ? seconds(Duration.between(deadline, cancels.last())) : Double.NaN;
		double rate = (cancels.count() > 0 && last > 0) ? cancels.count() / last : Double.NaN;
		Results.Storm storm = new Results.Storm(design, size, cancels.count(), first,
				complete ? last : Double.POSITIVE_INFINITY, published, rate, Probes.stormOffsets(dataSource, deadline));
		log("storm, %s: %d of %d cancelled, first after %s, all after %s%s, %.0f cancels/s", design.title(),
				cancels.count(), size, Report.seconds(first), Report.seconds(storm.allCancelledAfter()),
				Double.isNaN(published) ? "" : ", events published after " + Report.seconds(published), rate);
		return storm;
	}

	/**
	 * Waits until the window closes, or until every design has cancelled all its due
	 * orders.
	 */
	private void awaitWindow(Instant windowEnd, int due, DataSource serviceDb, Map<Design, Baseline> baselines)
			throws InterruptedException, SQLException {
		while (Instant.now().isBefore(windowEnd)) {
			Thread.sleep(2000);
			boolean allDone = Probes.cancelled(serviceDb, OrderSpec.DUE) >= due;
			for (Baseline baseline : baselines.values()) {
				allDone &= Probes.cancelled(baseline.dataSource(), OrderSpec.DUE) >= due;
			}
			if (allDone) {
				return;
			}
		}
	}

	/**
	 * Waits until the service's relays published what its outbox holds: its timers, or
	 * everything.
	 */
	private void awaitOutboxDrained(DataSource serviceDb, boolean timersOnly)
			throws SQLException, InterruptedException {
		long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (Probes.unpublished(serviceDb, timersOnly) > 0) {
			if (System.nanoTime() > giveUp) {
				note("The service's outbox still held unpublished messages after 3 minutes: %s.",
						Probes.unpublishedDetail(serviceDb));
				return;
			}
			Thread.sleep(250);
		}
	}

	/** Memory of the service's delay-level queues as rabbitmqctl reports it, or -1. */
	private static long delayLevelMemory() {
		List<String> lines = Machine.run(List.of("rabbitmqctl", "-q", "list_queues", "name", "memory"));
		long total = 0;
		boolean found = false;
		for (String line : lines) {
			String[] fields = line.split("\\s+");
			if (fields.length == 2 && fields[0].startsWith(Rabbit.PREFIX + "order.timers.level-")
					&& fields[1].matches("[0-9]+")) {
				total += Long.parseLong(fields[1]);
				found = true;
			}
		}
		return found ? total : -1;
	}

	private static void checkErrors(String phase, HttpLoad.Result result) {
		if (result.errors() > 0) {
			throw new IllegalStateException(
					phase + ": " + result.errors() + " requests failed, the first with: " + result.firstError());
		}
	}

	/** The middle of the second, so that orders due "at" it stay in the same second. */
	private static Instant halfSecond(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).plusMillis(1500);
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private void note(String format, Object... args) {
		String note = String.format(Locale.ROOT, format, args);
		this.notes.add(note);
		log("note: %s", note);
	}

	private void log(String format, Object... args) {
		Benchmark.log("run " + this.number + ": " + String.format(Locale.ROOT, format, args));
	}

}
