package io.orderflow.benchmark.workload;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.baseline.Baseline;
import io.orderflow.benchmark.infra.Machine;
import io.orderflow.benchmark.infra.Postgres;

/**
 * Timer precision with mixed deadlines: every design holds a large pending population,
 * deadlines minutes to days away, except a small share due in a window common to all
 * designs, created in random order among the others. In three steps: the service's
 * population, the baselines' populations, then the window.
 */
public final class Precision {

	private static final long POLL_MILLIS = 2000;

	private static final int CHUNK = 1000;

	private final Settings settings;

	private final SchedulingRates rates;

	private final RunLog log;

	private final Random random;

	private final long serviceCreated;

	private final Instant dueFrom;

	private final Instant dueTo;

	/**
	 * Plans the window: it opens once every design will have scheduled its population.
	 * @param serviceCreated orders the service holds already (all pending)
	 */
	public Precision(Settings settings, SchedulingRates rates, Random random, RunLog log, long serviceCreated) {
		this.settings = settings;
		this.rates = rates;
		this.random = random;
		this.log = log;
		this.serviceCreated = serviceCreated;
		double planned = 5;
		for (Design design : Design.values()) {
			int timers = design.isBaseline() ? settings.pendingTarget() : serviceTopUp() + settings.dueCount();
			planned += rates.secondsFor(design, timers, 1.2) + 3;
		}
		Instant windowStart = Instant.now().plusMillis((long) (planned * 1000));
		this.dueFrom = windowStart.plus(settings.dueFrom());
		this.dueTo = windowStart.plus(settings.dueTo());
	}

	/** Orders, not due in the run, that top the service up to its pending target. */
	private int serviceTopUp() {
		return (int) Math.max(this.settings.pendingTarget() - this.serviceCreated - this.settings.dueCount(), 0);
	}

	/**
	 * The service's population, in random order and in chunks: the orders due in the run
	 * are placed through the API, the others through the service's placement in this JVM;
	 * then its relays publish their timers.
	 * @return the orders it holds pending
	 */
	public int populateService(HttpLoad load, ServicePlacement placement, ServiceOutbox outbox) throws Exception {
		int far = serviceTopUp();
		int due = this.settings.dueCount();
		this.log.log("precision: service tops up to %d pending orders, %d of them due between %s and %s",
				this.serviceCreated + far + due, due, this.dueFrom, this.dueTo);
		List<OrderSpec> specs = OrderSpec.precision(far, due, this.dueFrom, this.dueTo, this.random);
		long started = System.nanoTime();
		long placed = 0;
		long tooLate = 0;
		for (int from = 0; from < specs.size(); from += CHUNK) {
			List<OrderSpec> chunk = specs.subList(from, Math.min(from + CHUNK, specs.size()));
			placement.placeAll(chunk.stream().filter((spec) -> !spec.customerId().equals(OrderSpec.DUE)).toList());
			List<OrderSpec> dueNow = chunk.stream().filter((spec) -> spec.customerId().equals(OrderSpec.DUE)).toList();
			if (!dueNow.isEmpty()) {
				HttpLoad.Result result = load.runAll(dueNow);
				result.requireNoErrors("precision population");
				placed += result.created();
				tooLate += result.tooLate();
			}
		}
		outbox.awaitPublished(false);
		this.rates.learn(Design.SERVICE, specs.size(), (System.nanoTime() - started) / 1e9);
		if (tooLate > 0) {
			this.log.note("%d of the service's due orders were created less than a second before their deadline.",
					tooLate);
		}
		return (int) (this.serviceCreated + far + placed);
	}

	/**
	 * Starts each baseline and inserts its population, one baseline after the other.
	 */
	public BaselinePopulations populateBaselines(List<Baseline> baselines) throws Exception {
		List<OrderSpec> specs = OrderSpec.precision(this.settings.pendingTarget() - this.settings.dueCount(),
				this.settings.dueCount(), this.dueFrom, this.dueTo, this.random);
		Map<Design, Long> databaseBytes = new EnumMap<>(Design.class);
		long ttlBrokerGrowthKb = -1;
		for (Baseline baseline : baselines) {
			long brokerBefore = Machine.brokerRssKb();
			baseline.start();
			long started = System.nanoTime();
			baseline.schedule(specs);
			double elapsed = (System.nanoTime() - started) / 1e9;
			this.rates.learn(baseline.design(), specs.size(), elapsed);
			databaseBytes.put(baseline.design(), Postgres.databaseSize(baseline.dataSource()));
			if (baseline.design() == Design.TTL_QUEUE) {
				// the broker's memory settles a moment after the last confirm
				Thread.sleep(1000);
				ttlBrokerGrowthKb = Machine.brokerRssKb() - brokerBefore;
			}
			this.log.log("%s: %d pending orders scheduled in %.1f s", baseline.design().title(), specs.size(), elapsed);
		}
		if (Instant.now().isAfter(this.dueFrom)) {
			this.log.note("The populations took longer than planned: the first due orders were created %.1f s after "
					+ "the window opened.", Duration.between(this.dueFrom, Instant.now()).toNanos() / 1e9);
		}
		return new BaselinePopulations(specs.size(), databaseBytes, ttlBrokerGrowthKb);
	}

	/**
	 * Waits until the window closes (the grace after the last due deadline), or until
	 * every design has cancelled all its due orders; then reads every design's lateness.
	 */
	public Map<Design, Results.Lateness> awaitWindow(DataSource serviceDb, List<Baseline> baselines) throws Exception {
		Instant windowEnd = this.dueTo.plus(this.settings.grace());
		this.log.log("precision window: due orders fire until %s, then %d s grace", this.dueTo,
				this.settings.grace().toSeconds());
		int due = this.settings.dueCount();
		List<OrderProbes> designs = new ArrayList<>(List.of(OrderProbes.service(serviceDb)));
		baselines.forEach((baseline) -> designs.add(OrderProbes.of(baseline)));
		while (Instant.now().isBefore(windowEnd)) {
			Thread.sleep(POLL_MILLIS);
			boolean allDone = true;
			for (OrderProbes design : designs) {
				allDone &= design.cancelled(OrderSpec.DUE) >= due;
			}
			if (allDone) {
				break;
			}
		}
		Map<Design, Results.Lateness> lateness = new EnumMap<>(Design.class);
		for (OrderProbes design : designs) {
			lateness.put(design.design(), design.lateness(OrderSpec.DUE));
		}
		for (Results.Lateness result : lateness.values()) {
			this.log.log("lateness %-42s p50 %s, p99 %s, max %s, late > 2 s: %d of %d", result.design().title(),
					Stats.seconds(result.percentile(50)), Stats.seconds(result.percentile(99)),
					Stats.seconds(result.max()), result.lateBy(2), result.due());
		}
		return lateness;
	}

	/**
	 * What the baselines' populations occupy.
	 *
	 * @param orders pending orders per baseline
	 * @param databaseBytes each baseline's database size holding them
	 * @param ttlBrokerGrowthKb the broker's RSS growth while the TTL queue took its
	 * timers
	 */
	public record BaselinePopulations(int orders, Map<Design, Long> databaseBytes, long ttlBrokerGrowthKb) {
	}

}
