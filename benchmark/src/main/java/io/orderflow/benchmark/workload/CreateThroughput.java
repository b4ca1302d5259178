package io.orderflow.benchmark.workload;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.CpuUsage;
import io.orderflow.benchmark.infra.RssSampler;
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.benchmark.profile.CpuProfile;
import io.orderflow.benchmark.profile.JfrRecording;

/**
 * Sustained creation: the clients place orders due minutes to days later through
 * {@code POST /api/orders} for a warm-up, and once the relays have published what it
 * wrote, for the measured window. During the window both apps' memory is sampled every
 * second and the CPU of every process is read at both ends. When it closes, the outbox
 * messages the relays have not published yet are counted, and their publication awaited.
 *
 * <p>
 * order-api's CPU profile is taken in a shorter window of its own under JFR, at the end
 * of a run, so that neither the recording's CPU nor the memory it keeps afterwards shows
 * in any measured figure.
 */
public final class CreateThroughput {

	private CreateThroughput() {
	}

	public static Window measure(Settings settings, HttpLoad load, ServiceApp api, ServiceApp consumer,
			ServiceOutbox outbox, RunLog log) throws Exception {
		log.log("create throughput: %d clients, %d s warm-up, then %d s measured", settings.clients(),
				settings.warmUp().toSeconds(), settings.throughputDuration().toSeconds());
		HttpLoad.Result warmUp = load.runFor(settings.warmUp(), CreateThroughput::order);
		warmUp.requireNoErrors("warm-up");
		outbox.awaitPublished(false);
		RssSampler memory = RssSampler.start(api, consumer);
		CpuUsage cpuBefore = CpuUsage.sample(api, consumer);
		HttpLoad.Result window = load.runFor(settings.throughputDuration(), CreateThroughput::order);
		Map<String, Double> cpu = CpuUsage.sample(api, consumer).coresSince(cpuBefore);
		long closed = System.nanoTime();
		long backlog = outbox.unpublished();
		RssSampler.Peaks rss = memory.stop();
		window.requireNoErrors("create throughput");
		outbox.awaitPublished(false);
		double drained = (System.nanoTime() - closed) / 1e9;
		Window result = new Window(warmUp.created(), window, cpu, null, rss, backlog, drained,
				outbox.messagesPerOrder());
		log.log("create throughput: %.0f orders/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms; order-api %.2f ms CPU per order",
				window.ordersPerSecond(), Stats.percentile(window.latencyMillis(), 50),
				Stats.percentile(window.latencyMillis(), 99), Stats.percentile(window.latencyMillis(), 100),
				result.apiCpuMillisPerOrder());
		log.log("outbox backlog when the window closed: %d messages, published within %.1f s", backlog,
				result.outboxDrainSeconds());
		return result;
	}

	/**
	 * Creates orders like the measured window, for {@code profileDuration}, with
	 * order-api under JFR.
	 * @param recording where the recording is written
	 * @return order-api's execution samples
	 */
	public static CpuProfile profile(Settings settings, HttpLoad load, ServiceApp api, ServiceOutbox outbox,
			Path recording, RunLog log) throws Exception {
		log.log("profile: %d s of creation with order-api under JFR", settings.profileDuration().toSeconds());
		JfrRecording profiling = JfrRecording.start(api.pid(), recording);
		load.runFor(settings.profileDuration(), CreateThroughput::order).requireNoErrors("profiled creation");
		CpuProfile profile = profiling.stop();
		outbox.awaitPublished(false);
		return profile;
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
	 * @param profile order-api's execution samples during the profiled window
	 * @param rss the apps' peak memory during the window
	 * @param outboxBacklog outbox messages not yet published when the window closed
	 * @param outboxDrainSeconds how long after the window the relays had published them
	 * @param outboxMessagesPerOrder outbox messages the service writes per order
	 */
	public record Window(long warmUpOrders, HttpLoad.Result load, Map<String, Double> cpu, CpuProfile profile,
			RssSampler.Peaks rss, long outboxBacklog, double outboxDrainSeconds, double outboxMessagesPerOrder) {

		/** This window with order-api's profile, recorded after it. */
		public Window withProfile(CpuProfile recorded) {
			return new Window(this.warmUpOrders, this.load, this.cpu, recorded, this.rss, this.outboxBacklog,
					this.outboxDrainSeconds, this.outboxMessagesPerOrder);
		}

		/** Outbox messages the window's creation rate writes per second. */
		public double outboxMessagesPerSecond() {
			return this.load.ordersPerSecond() * this.outboxMessagesPerOrder;
		}

		/** order-api's CPU time per order created in the window, in milliseconds. */
		public double apiCpuMillisPerOrder() {
			return this.cpu.getOrDefault(ServiceApps.API, Double.NaN) * this.load.seconds() * 1000
					/ this.load.completed();
		}

	}

}
