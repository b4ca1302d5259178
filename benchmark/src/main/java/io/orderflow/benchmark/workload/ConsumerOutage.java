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
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.infra.ServiceApps;

/**
 * Timers that fall due while nobody consumes them: for every design at once, timers are
 * scheduled to fall due during a planned outage of its consumer (the service's
 * order-timeout-consumer process, stopped with SIGTERM; each baseline's consumers,
 * pollers or subscriber). After the outage each starts again, and whatever was not
 * cancelled by the end of the observation counts as lost.
 */
public final class ConsumerOutage {

	/** Time allowed for the consumers to stop before the first timer falls due. */
	private static final Duration STOPPING = Duration.ofSeconds(3);

	private static final long POLL_MILLIS = 500;

	private final Settings settings;

	private final SchedulingRates rates;

	private final Random random;

	private final RunLog log;

	public ConsumerOutage(Settings settings, SchedulingRates rates, Random random, RunLog log) {
		this.settings = settings;
		this.rates = rates;
		this.random = random;
		this.log = log;
	}

	/**
	 * @param consumer the service's running timeout consumer; stopped, and started again
	 * as {@link Outcome#consumer()}
	 * @param restartLog file name of the restarted consumer's log
	 */
	public Outcome run(ServiceApps apps, ServiceApp consumer, String restartLog, ServicePlacement placement,
			ServiceOutbox outbox, DataSource serviceDb, List<Baseline> baselines) throws Exception {
		int timers = this.settings.outageTimers();
		double preparing = 3 + this.rates.secondsFor(Design.SERVICE, timers, 2);
		for (Baseline baseline : baselines) {
			preparing += this.rates.secondsFor(baseline.design(), timers, 2) + 0.5;
		}
		Instant stopAt = Instant.now().plusMillis((long) (preparing * 1000));
		Instant restartAt = stopAt.plus(this.settings.consumerDowntime());
		this.log.log("consumer outage: %d timers per design fall due while its consumer is stopped from %s to %s",
				timers, stopAt, restartAt);
		List<OrderSpec> specs = OrderSpec.dueBetween(OrderSpec.CONSUMER_DOWN, timers, stopAt.plus(STOPPING),
				restartAt.minusMillis(500), this.random);
		placement.placeAll(specs);
		outbox.awaitPublished(true);
		for (Baseline baseline : baselines) {
			baseline.schedule(specs);
		}
		if (Instant.now().isAfter(stopAt)) {
			this.log.note("Consumer outage: scheduling its timers ended %.1f s after the planned stop.",
					seconds(Duration.between(stopAt, Instant.now())));
		}

		sleepUntil(stopAt);
		Map<Design, Instant> stopped = stopConsumers(apps, consumer, baselines);
		sleepUntil(restartAt);
		Map<Design, Instant> restarted = new EnumMap<>(Design.class);
		Map<Design, Duration> restarting = new EnumMap<>(Design.class);
		for (Baseline baseline : baselines) {
			restarted.put(baseline.design(), Instant.now());
			baseline.start();
			restarting.put(baseline.design(), Duration.between(restarted.get(baseline.design()), Instant.now()));
		}
		// last, as it takes a JVM's start-up
		restarted.put(Design.SERVICE, Instant.now());
		ServiceApp restartedConsumer = apps.start(ServiceApps.CONSUMER, restartLog);
		restarting.put(Design.SERVICE, restartedConsumer.startup());

		List<OrderProbes> designs = new ArrayList<>(List.of(OrderProbes.service(serviceDb)));
		baselines.forEach((baseline) -> designs.add(OrderProbes.of(baseline)));
		awaitCancelled(designs, timers, restarted.get(Design.SERVICE).plus(this.settings.outageObservation()));
		double sweeper = apps.metric(restartedConsumer, "order.sweeper.cancelled");
		Map<Design, Results.Outage> outages = new EnumMap<>(Design.class);
		for (OrderProbes design : designs) {
			outages.put(design.design(), outage(design, stopped, restarted, restarting));
		}
		return new Outcome(outages, sweeper, restartedConsumer);
	}

	/** Stops every design's consumer; answers when each had stopped. */
	private Map<Design, Instant> stopConsumers(ServiceApps apps, ServiceApp consumer, List<Baseline> baselines)
			throws Exception {
		Instant stopping = Instant.now();
		Map<Design, Instant> stopped = new EnumMap<>(Design.class);
		apps.stop(consumer);
		stopped.put(Design.SERVICE, Instant.now());
		for (Baseline baseline : baselines) {
			baseline.stop();
			stopped.put(baseline.design(), Instant.now());
		}
		if (stopped.get(Design.SERVICE).isAfter(stopping.plus(STOPPING))) {
			this.log.note(
					"Consumer outage: order-timeout-consumer took %.1f s to stop; timers due meanwhile may "
							+ "have been cancelled before it stopped.",
					seconds(Duration.between(stopping, stopped.get(Design.SERVICE))));
		}
		return stopped;
	}

	/** Waits until every design has cancelled all its timers, or until {@code giveUp}. */
	private static void awaitCancelled(List<OrderProbes> designs, int timers, Instant giveUp) throws Exception {
		while (Instant.now().isBefore(giveUp) && !allCancelled(designs, timers)) {
			Thread.sleep(POLL_MILLIS);
		}
	}

	private static boolean allCancelled(List<OrderProbes> designs, int timers) throws Exception {
		for (OrderProbes design : designs) {
			if (design.cancelled(OrderSpec.CONSUMER_DOWN) < timers) {
				return false;
			}
		}
		return true;
	}

	private Results.Outage outage(OrderProbes probes, Map<Design, Instant> stopped, Map<Design, Instant> restarted,
			Map<Design, Duration> restarting) throws Exception {
		Design design = probes.design();
		OrderProbes.ConsumerDownOrders orders = probes.consumerDownOrders(stopped.get(design), restarted.get(design));
		double lastCancel = (orders.lastCancel() != null)
				? seconds(Duration.between(restarted.get(design), orders.lastCancel())) : Double.NaN;
		Results.Outage outage = new Results.Outage(design, orders.orders(), orders.dueWhileDown(), orders.cancelled(),
				seconds(Duration.between(stopped.get(design), restarted.get(design))), seconds(restarting.get(design)),
				lastCancel);
		this.log.log("consumer outage, %-42s %d of %d due while down, %d lost; last cancel %s after the restart",
				design.title(), outage.dueWhileDown(), outage.timers(), outage.lost(), Stats.seconds(lastCancel));
		return outage;
	}

	/** Waits for a planned instant: the outage's timing is the workload itself. */
	private static void sleepUntil(Instant instant) throws InterruptedException {
		long millis = Duration.between(Instant.now(), instant).toMillis();
		if (millis > 0) {
			Thread.sleep(millis);
		}
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * @param outages what became of each design's timers
	 * @param sweeperCancelled orders the restarted consumer's safety-net sweeper
	 * cancelled by the end of the observation
	 * @param consumer the restarted order-timeout-consumer
	 */
	public record Outcome(Map<Design, Results.Outage> outages, double sweeperCancelled, ServiceApp consumer) {
	}

}
