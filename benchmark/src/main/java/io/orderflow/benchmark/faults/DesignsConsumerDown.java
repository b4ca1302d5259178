package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.baseline.Baseline;
import io.orderflow.benchmark.baseline.Baselines;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.Redis;
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.workload.OrderSpec;

/**
 * Scenario 11: the loss scenario of the designs the well-known articles use, side by side
 * with the service's. The same number of orders fall due, in each design, while whatever
 * fires its timers is down: the service's consumer process killed (-9); the single TTL
 * queue's consumer and the Redis key-expiry listener stopped (the benchmark's baselines,
 * on the suite's own broker node, PostgreSQL and Redis). After the outage each comes
 * back, and the scenario counts, per design, the orders cancelled, cancelled over a
 * minute late, and never cancelled. The verdict is the service's; the baselines' figures
 * are what it is compared with.
 */
final class DesignsConsumerDown extends Scenario {

	private static final int REDIS_PORT = 6399;

	private static final String BASELINE_CUSTOMER = "consumer-down";

	private static final List<Design> BASELINES = List.of(Design.TTL_QUEUE, Design.REDIS_KEY_EXPIRY);

	/**
	 * What became of a design's orders, by the columns the service and baselines share.
	 */
	private static final String OUTCOME = """
			SELECT count(*) AS orders,
			       count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
			       count(*) FILTER (WHERE status = 'PENDING_PAYMENT') AS never_cancelled,
			       count(*) FILTER (WHERE cancelled_at > payment_deadline + interval '60 seconds') AS over_a_minute_late,
			       coalesce(max(extract(epoch FROM cancelled_at - payment_deadline)), 0) AS latest_s
			FROM %s
			""";

	DesignsConsumerDown() {
		super("designs-consumer-down",
				"The service and the designs of the well-known articles side by side, each one's timer consumer "
						+ "down while its orders fall due",
				"Every order that fell due while the consumer was down is cancelled once it is back, none lost; "
						+ "the designs of the articles are measured the same way, for comparison.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return settings.orders() + " orders per design due while its consumer is down for "
				+ settings.outage().toSeconds() + " s: the service (1 order-api + 1 consumer, the consumer killed "
				+ "with SIGKILL), the single TTL queue (consumer cancelled) and Redis key expiry (listener "
				+ "unsubscribed), the last two the benchmark's baselines";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(1, 1, timeline);
		Checkout checkout = stage.checkout(apps, 1);
		LedgerCheck check = stage.check();
		try (LocalRedis localRedis = LocalRedis.start(Faults.WORK.resolve("redis").toAbsolutePath(), REDIS_PORT);
				Redis redis = localRedis.client();
				Rabbit rabbit = Rabbit.at("127.0.0.1", stage.brokers().get(0).port())) {
			List<Baseline> baselines = new ArrayList<>();
			try {
				for (Design design : BASELINES) {
					Baseline baseline = Baselines.create(design, stage.server().postgres(), rabbit, redis);
					baselines.add(baseline);
					baseline.start();
				}
				// placing is over well before the outage, at 25 orders/s or more
				Instant down = Deadlines.stormFor(settings.orders());
				Instant up = down.plus(settings.outage());
				Instant firstDue = down.plusSeconds(1);
				Instant lastDue = up.minusMillis(500);
				checkout.place(settings.orders(), settings.clients(), Deadlines.between(firstDue, lastDue));
				Supplier<Instant> deadlines = Deadlines.between(firstDue, lastDue);
				List<OrderSpec> specs = new ArrayList<>();
				for (int i = 0; i < settings.orders(); i++) {
					specs.add(new OrderSpec(BASELINE_CUSTOMER, null, deadlines.get()));
				}
				for (Baseline baseline : baselines) {
					baseline.schedule(specs);
				}
				timeline.note("placed in each design " + settings.orders() + " orders due " + firstDue + " to "
						+ lastDue + ": " + checkout.answers());
				if (Instant.now().isAfter(down)) {
					throw new IllegalStateException("placing the orders took past the planned outage at " + down);
				}

				Timeline.sleepUntil(down);
				ServiceApp consumer = apps.get(1);
				stage.apps().kill(consumer);
				for (Baseline baseline : baselines) {
					baseline.stop();
				}
				timeline.note("the service's consumer killed (SIGKILL, pid " + consumer.pid()
						+ "), the baselines' consumers stopped");
				Timeline.sleepUntil(up);
				for (Baseline baseline : baselines) {
					baseline.start();
				}
				long restarting = System.nanoTime();
				ServiceApp restarted = stage.startConsumer("consumer-restarted");
				timeline.note("baselines' consumers back; the service's consumer UP again after "
						+ Timeline.since(restarting).toMillis() + " ms (a JVM's start)");

				Duration settled = check.settle(lastDue, settings.grace());
				timeline.note("the service's orders settled " + settled.toMillis()
						+ " ms after its consumer was UP again; the restarted consumer's " + "sweeper cancelled "
						+ Math.round(stage.apps().metric(restarted, "order.sweeper.cancelled")) + " orders");
				timeline.note(outcome(Design.SERVICE, check.jdbc(), "orders"));
				for (Baseline baseline : baselines) {
					timeline.note(outcome(baseline.design(), JdbcClient.create(baseline.dataSource()),
							baseline.ordersTable() + " WHERE customer_id = '" + BASELINE_CUSTOMER + "'"));
				}
			}
			finally {
				for (Baseline baseline : baselines) {
					baseline.close();
				}
			}
		}
		return check.ledger(checkout.acknowledged(),
				new Ledger.Recovery(null, "the service's consumer's start; see the timeline"), checkout.answers(),
				checkout.answersBesidesCreatedOrRetryLater(), timeline.entries());
	}

	private static String outcome(Design design, JdbcClient jdbc, String from) {
		return jdbc.sql(OUTCOME.formatted(from)).query((rs, row) -> {
			String outcome = String.format(Locale.ROOT,
					"**%s**: %d orders, %d cancelled (%d of them over a minute late), %d never cancelled",
					design.title(), rs.getLong("orders"), rs.getLong("cancelled"), rs.getLong("over_a_minute_late"),
					rs.getLong("never_cancelled"));
			return (rs.getLong("cancelled") == 0) ? outcome : outcome + String.format(Locale.ROOT,
					"; the latest cancellation %.1f s after its deadline", rs.getDouble("latest_s"));
		}).single();
	}

}
