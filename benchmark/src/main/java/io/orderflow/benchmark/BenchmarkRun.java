package io.orderflow.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.baseline.Baseline;
import io.orderflow.benchmark.baseline.Baselines;
import io.orderflow.benchmark.infra.CpuUsage;
import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.Redis;
import io.orderflow.benchmark.infra.RssSampler;
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.benchmark.workload.Burst;
import io.orderflow.benchmark.workload.ConsumerOutage;
import io.orderflow.benchmark.workload.CreateThroughput;
import io.orderflow.benchmark.workload.DbCeiling;
import io.orderflow.benchmark.workload.DeadLetterRate;
import io.orderflow.benchmark.workload.HttpLoad;
import io.orderflow.benchmark.workload.Precision;
import io.orderflow.benchmark.workload.SchedulingRates;
import io.orderflow.benchmark.workload.ServiceOutbox;
import io.orderflow.benchmark.workload.ServicePlacement;
import io.orderflow.benchmark.workload.Storms;
import io.orderflow.messaging.Topology;

/**
 * One run of every workload, in this order: start-up; create throughput (with order-api's
 * profile) and the database's ceiling for the same transaction; the burst; the precision
 * workload (the service's pending population, then the baselines', then one common window
 * in which the due orders of every design fire); one expiry storm per design, one after
 * the other; the broker's own dead-letter rate; the consumer outage, for every design at
 * once.
 */
final class BenchmarkRun {

	private static final String SWEEPER_CANCELLED = "order.sweeper.cancelled";

	private static final Duration SETTLING_LIMIT = Duration.ofSeconds(90);

	private final Settings settings;

	private final int number;

	private final Postgres postgres;

	private final Rabbit rabbit;

	private final Redis redis;

	private final SchedulingRates rates;

	private final Path logs;

	private final ServiceApps apps;

	private final Random random;

	private final RunLog log;

	BenchmarkRun(Settings settings, int number, Infrastructure infrastructure, SchedulingRates rates, Path root,
			Path logs) {
		this.settings = settings;
		this.number = number;
		this.postgres = infrastructure.postgres();
		this.rabbit = infrastructure.rabbit();
		this.redis = infrastructure.redis();
		this.rates = rates;
		this.logs = logs;
		this.apps = new ServiceApps(root, logs, this.postgres, Design.SERVICE.database(), this.rabbit);
		this.random = new Random(42L + number);
		this.log = new RunLog(number);
	}

	Results.Run execute() throws Exception {
		long began = System.nanoTime();
		String loadBefore = Machine.loadAverage();
		// the broker is shared: its setting may change between runs
		String deadLetterPrefetch = this.rabbit.deadLetterWorkerPrefetch();
		List<String> others = new ArrayList<>(Machine.otherBusyProcesses(Set.of()));
		this.rabbit.deleteServiceTopology();
		this.postgres.recreate(Design.SERVICE.database());

		this.log.log("starting order-api and order-timeout-consumer");
		ServiceApp api = this.apps.start(ServiceApps.API, logName(ServiceApps.API));
		ServiceApp consumer = this.apps.start(ServiceApps.CONSUMER, logName(ServiceApps.CONSUMER));
		Results.Startup startup = new Results.Startup(api.startup().toNanos() / 1e9,
				consumer.startup().toNanos() / 1e9);
		this.log.log("start-up: order-api %.1f s, order-timeout-consumer %.1f s", startup.apiSeconds(),
				startup.consumerSeconds());
		// idle means after the start-up's own allocation has settled
		Thread.sleep(2000);
		long apiIdleKb = api.rssKb();
		long consumerIdleKb = consumer.rssKb();
		long brokerIdleKb = Machine.brokerRssKb();

		List<Baseline> baselines = new ArrayList<>();
		HikariDataSource serviceDb = this.postgres.pool(Design.SERVICE.database(), 2, "service-probe");
		// the service's own code in this JVM, started before any measured window: placing
		// the orders whose creation is not measured, and recording the ceiling's
		// transaction
		try (ServicePlacement placement = ServicePlacement.on(this.postgres, Design.SERVICE.database(),
				this.settings.clients(), "service-placement");
				DbCeiling ceilingDb = DbCeiling.prepare(this.postgres, this.settings.clients())) {
			HttpLoad load = new HttpLoad(api.uri("/api/orders"), this.apps.tokens().checkout(),
					this.settings.clients());
			ServiceOutbox outbox = new ServiceOutbox(serviceDb, this.log);

			CreateThroughput.Window creation = CreateThroughput.measure(this.settings, load, api, consumer, outbox,
					this.log);
			// the timers just created pass their short levels within a minute: the
			// ceiling and the burst get a broker done with that, not one still busy
			Duration settling = this.rabbit.awaitShortLevelsEmpty(new Topology(Rabbit.PREFIX), SETTLING_LIMIT);
			this.log.log("broker: the created timers left the levels shorter than a minute after %.0f s more",
					settling.toMillis() / 1000.0);
			this.log.log("database ceiling: replaying the create transaction with %d JDBC clients for %d s",
					this.settings.clients(), this.settings.ceilingDuration().toSeconds());
			DbCeiling.Result ceiling = ceilingDb.measure(this.settings.ceilingDuration());
			this.log.log("database ceiling for the same transaction: %.0f tx/s", ceiling.perSecond());

			Results.Burst burst = Burst.run(this.settings, load, serviceDb, api, consumer, this.random, this.log);

			Precision precision = new Precision(this.settings, this.rates, this.random, this.log,
					creation.warmUpOrders() + creation.load().created());
			int servicePending = precision.populateService(load, placement, outbox);
			// the last confirmed timers are counted in their delay levels a moment later
			Thread.sleep(1000);
			long pendingTimers = this.rabbit.pendingTimers(new Topology(Rabbit.PREFIX));
			long apiKb = api.rssKb();
			long consumerKb = consumer.rssKb();
			long brokerKb = Machine.brokerRssKb();
			long queueMemory = this.rabbit.delayLevelMemory();
			long serviceDbBytes = Postgres.databaseSize(serviceDb);
			this.log.log(
					"service holds %d pending orders, %d timers in the delay levels; RSS api %d MiB, "
							+ "consumer %d MiB, broker %d MiB",
					servicePending, pendingTimers, apiKb / 1024, consumerKb / 1024, brokerKb / 1024);
			for (Design design : Design.values()) {
				if (design.isBaseline()) {
					baselines.add(Baselines.create(design, this.postgres, this.rabbit, this.redis));
				}
			}
			Precision.BaselinePopulations populations = precision.populateBaselines(baselines);
			Map<Design, Results.Lateness> lateness = precision.awaitWindow(serviceDb, baselines);

			Storms storms = new Storms(this.settings, this.rates, this.log);
			Map<Design, Results.Storm> stormResults = new EnumMap<>(Design.class);
			CpuUsage stormCpuBefore = CpuUsage.sample(api, consumer);
			RssSampler stormMemory = RssSampler.start(api, consumer);
			stormResults.put(Design.SERVICE, storms.service(placement, serviceDb, outbox));
			RssSampler.Peaks stormRss = stormMemory.stop();
			Map<String, Double> stormCpu = CpuUsage.sample(api, consumer).coresSince(stormCpuBefore);
			for (Baseline baseline : baselines) {
				stormResults.put(baseline.design(), storms.baseline(baseline));
			}

			this.log.log("broker dead-letter rate: %d messages expiring at once", this.settings.deadLetterMessages());
			DeadLetterRate.Result deadLetters = DeadLetterRate.measure(this.rabbit, this.settings.deadLetterMessages());
			this.log.log("broker dead-letter rate: %.0f msg/s", deadLetters.perSecond());
			if (!deadLetters.valid()) {
				this.log.note("The dead-letter measurement's messages were not all published before they expired.");
			}

			// the restarted consumer counts from zero
			double sweptBeforeOutage = this.apps.metric(consumer, SWEEPER_CANCELLED);
			ConsumerOutage.Outcome outage = new ConsumerOutage(this.settings, this.rates, this.random, this.log).run(
					this.apps, consumer, logName(ServiceApps.CONSUMER + "-restarted"), placement, outbox, serviceDb,
					baselines);
			consumer = outage.consumer();
			double swept = sweptBeforeOutage + this.apps.metric(consumer, SWEEPER_CANCELLED);

			creation = creation.withProfile(CreateThroughput.profile(this.settings, load, api, outbox,
					this.logs.resolve("run-" + this.number + "-order-api.jfr"), this.log));

			for (Baseline baseline : baselines) {
				if (baseline.early() > 0) {
					this.log.note("%s: %d timers arrived before their deadline.", baseline.design().title(),
							baseline.early());
				}
			}
			for (String other : Machine.otherBusyProcesses(Set.of(api.pid(), consumer.pid()))) {
				if (!others.contains(other)) {
					others.add(other);
				}
			}
			Map<Design, Long> databaseBytes = new EnumMap<>(populations.databaseBytes());
			databaseBytes.put(Design.SERVICE, serviceDbBytes);
			Results.Footprint footprint = new Results.Footprint(apiIdleKb, consumerIdleKb, brokerIdleKb, apiKb,
					consumerKb, brokerKb, pendingTimers, queueMemory, databaseBytes, populations.ttlBrokerGrowthKb(),
					populations.orders());
			return new Results.Run(this.number, startup, creation, ceiling, burst, servicePending, lateness,
					stormResults, stormCpu, stormRss, deadLetters, outage.outages(), outage.sweeperCancelled(),
					footprint, swept, deadLetterPrefetch, this.log.notes(), others, loadBefore,
					(System.nanoTime() - began) / 1e9);
		}
		finally {
			for (Baseline baseline : baselines) {
				try {
					baseline.close();
				}
				catch (Exception ex) {
					this.log.log("closing %s failed: %s", baseline.design(), ex);
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

	private String logName(String app) {
		return "run-" + this.number + "-" + app + ".log";
	}

}
