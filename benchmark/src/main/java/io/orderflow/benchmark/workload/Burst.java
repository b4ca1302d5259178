package io.orderflow.benchmark.workload;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.RssSampler;
import io.orderflow.benchmark.infra.ServiceApp;

/**
 * The service alone: orders with payment timeouts of seconds, placed through
 * {@code POST /api/orders} as fast as the closed-loop clients go, so that their timers
 * are published, and fall due, while the API is at full speed. It ends when all are
 * cancelled, or when the grace after the last deadline has passed.
 */
public final class Burst {

	private static final long POLL_MILLIS = 250;

	private Burst() {
	}

	public static Results.Burst run(Settings settings, HttpLoad load, DataSource serviceDb, ServiceApp api,
			ServiceApp consumer, Random random, RunLog log) throws Exception {
		List<OrderSpec> orders = OrderSpec.burst(settings.burstSize(), settings.burstTimeoutFrom(),
				settings.burstTimeoutTo(), random);
		log.log("burst: %d orders with payment timeouts of %d-%d s, as fast as %d clients go", orders.size(),
				settings.burstTimeoutFrom().toSeconds(), settings.burstTimeoutTo().toSeconds(), settings.clients());
		RssSampler memory = RssSampler.start(api, consumer);
		HttpLoad.Result placement = load.runAll(orders);
		placement.requireNoErrors("burst");
		OrderProbes probes = OrderProbes.service(serviceDb);
		Instant giveUp = probes.lastDeadline(OrderSpec.BURST).plus(settings.grace());
		while (Instant.now().isBefore(giveUp) && probes.cancelled(OrderSpec.BURST) < orders.size()) {
			Thread.sleep(POLL_MILLIS);
		}
		RssSampler.Peaks rss = memory.stop();
		Results.Lateness lateness = probes.lateness(OrderSpec.BURST);
		log.log("burst: placed at %.0f orders/s; lateness p50 %s, p99 %s, max %s; late > 1 s: %d, > 2 s: %d of %d",
				placement.ordersPerSecond(), Stats.seconds(lateness.percentile(50)),
				Stats.seconds(lateness.percentile(99)), Stats.seconds(lateness.max()), lateness.lateBy(1),
				lateness.lateBy(2), lateness.due());
		return new Results.Burst(placement, lateness, rss);
	}

}
