package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 3: the broker (the single node) is restarted, stopped the way its service
 * manager stops it, while every timer of the run waits in the delay levels.
 */
final class BrokerRestarted extends Scenario {

	private static final long PLANNED_MILLIS_PER_ORDER = 12;

	/**
	 * Deadlines at most this many a second (with a payment reminder each, twice as many
	 * timers), so that a large run is not one expiry storm (the benchmark's storm
	 * measures that): 100,000 due within one minute, about 3,300 timers a second, ran up
	 * to 71 s late with the restart 15 minutes behind them. One consumer on a 2-core
	 * machine that also runs the broker, PostgreSQL and the suite still falls behind at
	 * this rate (docs/reliability.md).
	 */
	private static final int DEADLINES_PER_SECOND = 500;

	BrokerRestarted() {
		super("broker-restarted", "The broker restarted with timers pending in the delay levels",
				"Timers are persistent messages in durable quorum queues: a restart keeps them, their TTLs carry on, "
						+ "and the apps reconnect by themselves; every timer fires.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "node f1 on 5711; 1 order-api + 1 consumer; " + settings.timers() + " orders (`--timers "
				+ settings.timers() + "`; the issue asks 100,000) due over " + deadlineSpan(settings).toSeconds()
				+ " s (at most " + DEADLINES_PER_SECOND + " a second), from 30 s after placing them should be over "
				+ "(at " + (1000 / PLANNED_MILLIS_PER_ORDER) + " orders/s); the node stopped "
				+ "(SIGTERM) once every timer was in the delay levels, started again at once";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(1, 1, timeline);
		Checkout checkout = stage.checkout(apps, 1);
		LedgerCheck check = stage.check();
		// placing 100,000 at the 40 ms an order of Deadlines.stormFor would plan over an
		// hour; the api placed 356-450 a second here
		Instant placed = Instant.now().plusSeconds(30).plusMillis(PLANNED_MILLIS_PER_ORDER * settings.timers());
		Instant firstDeadline = placed.plusSeconds(30);
		Instant lastDeadline = firstDeadline.plus(deadlineSpan(settings));
		checkout.place(settings.timers(), settings.clients(), Deadlines.between(firstDeadline, lastDeadline));
		timeline.note("orders placed: " + checkout.answers());
		while (check.unpublished() > 0) {
			Thread.sleep(100);
		}
		timeline.note("every timer published; " + messagesInLevels(stage) + " messages in the delay levels");
		BrokerNode node = stage.brokers().get(0);
		long stopping = System.nanoTime();
		node.stop();
		timeline.note("node stopped (SIGTERM) in " + Timeline.since(stopping).toMillis() + " ms");
		node.start();
		Duration down = Timeline.since(stopping);
		timeline.note("node started again; down for " + down.toMillis() + " ms");
		check.settle(lastDeadline, settings.grace());
		timeline.note("settled; " + messagesInLevels(stage) + " messages left in the delay levels");
		return check.ledger(checkout.acknowledged(), new Ledger.Recovery(down, "broker stop until it ran again"),
				checkout.answers(), List.of(), timeline.entries());
	}

	private static Duration deadlineSpan(FaultSettings settings) {
		return Duration.ofSeconds(Math.max(60, settings.timers() / DEADLINES_PER_SECOND));
	}

	/**
	 * Messages in the scenario's delay-level queues, as {@code rabbitmqctl} counts them.
	 */
	private long messagesInLevels(Stage stage) {
		return BrokerCluster.leaders(stage.brokers())
			.entrySet()
			.stream()
			.filter((queue) -> queue.getKey().startsWith(stage.topology().timersExchange() + ".L"))
			.mapToLong((queue) -> Long.parseLong(queue.getValue()[1]))
			.sum();
	}

}
