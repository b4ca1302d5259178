package io.orderflow.benchmark.workload;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.CpuUsage;
import io.orderflow.benchmark.infra.ServiceApps;

/**
 * Sustained creation: the clients place orders due minutes to days later through
 * {@code POST /api/orders} for a warm-up, then for the measured window. The CPU of every
 * process is read at both ends of the window. When it closes, the outbox messages the
 * relays have not published yet are counted, and their publication awaited.
 */
public final class CreateThroughput {

	private CreateThroughput() {
	}

	public static Window measure(Settings settings, HttpLoad load, ServiceApps.App api, ServiceApps.App consumer,
			ServiceOutbox outbox, RunLog log) throws Exception {
		log.log("create throughput: %d clients, %d s warm-up, then %d s measured", settings.clients(),
				settings.warmUp().toSeconds(), settings.throughputDuration().toSeconds());
		HttpLoad.Result warmUp = load.runFor(settings.warmUp(), CreateThroughput::order);
		warmUp.requireNoErrors("warm-up");
		CpuUsage cpuBefore = CpuUsage.sample(api, consumer);
		HttpLoad.Result window = load.runFor(settings.throughputDuration(), CreateThroughput::order);
		Map<String, Double> cpu = CpuUsage.sample(api, consumer).coresSince(cpuBefore);
		long closed = System.nanoTime();
		long backlog = outbox.unpublished();
		window.requireNoErrors("create throughput");
		outbox.awaitPublished(false);
		double drained = (System.nanoTime() - closed) / 1e9;
		log.log("create throughput: %.0f orders/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms", window.ordersPerSecond(),
				Stats.percentile(window.latencyMillis(), 50), Stats.percentile(window.latencyMillis(), 99),
				Stats.percentile(window.latencyMillis(), 100));
		log.log("outbox backlog when the window closed: %d messages, published within %.1f s", backlog, drained);
		return new Window(warmUp.created(), window, cpu, backlog, drained);
	}

	private static OrderSpec order() {
		return OrderSpec.far(OrderSpec.LOAD, ThreadLocalRandom.current());
	}

	/**
	 * The measured window.
	 *
	 * @param warmUpOrders orders created during the warm-up
	 * @param load the window's requests
	 * @param cpu cores each process used during the window
	 * @param outboxBacklog outbox messages not yet published when the window closed
	 * @param outboxDrainSeconds how long after the window the relays had published them
	 */
	public record Window(long warmUpOrders, HttpLoad.Result load, Map<String, Double> cpu, long outboxBacklog,
			double outboxDrainSeconds) {
	}

}
