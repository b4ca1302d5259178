package io.orderflow.benchmark.infra;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples both apps' resident memory (VmRSS) once a second while a phase runs and keeps
 * the peak of each: what they need under load, which a single reading after the load
 * would miss.
 */
public final class RssSampler {

	private final ServiceApp api;

	private final ServiceApp consumer;

	private final AtomicLong apiPeakKb = new AtomicLong(-1);

	private final AtomicLong consumerPeakKb = new AtomicLong(-1);

	private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "rss-sampler");
		thread.setDaemon(true);
		return thread;
	});

	private RssSampler(ServiceApp api, ServiceApp consumer) {
		this.api = api;
		this.consumer = consumer;
	}

	/** Starts sampling, the first sample at once. */
	public static RssSampler start(ServiceApp api, ServiceApp consumer) {
		RssSampler sampler = new RssSampler(api, consumer);
		sampler.executor.scheduleAtFixedRate(sampler::sample, 0, 1, TimeUnit.SECONDS);
		return sampler;
	}

	private void sample() {
		this.apiPeakKb.accumulateAndGet(this.api.rssKb(), Math::max);
		this.consumerPeakKb.accumulateAndGet(this.consumer.rssKb(), Math::max);
	}

	/** Takes a last sample, stops, and answers the peaks. */
	public Peaks stop() throws InterruptedException {
		this.executor.shutdownNow();
		this.executor.awaitTermination(5, TimeUnit.SECONDS);
		sample();
		return new Peaks(this.apiPeakKb.get(), this.consumerPeakKb.get());
	}

	/**
	 * Peak resident memory of each app during a phase, in KiB (-1 if never read).
	 *
	 * @param apiKb order-api
	 * @param consumerKb order-timeout-consumer
	 */
	public record Peaks(long apiKb, long consumerKb) {

		/** The higher of both peaks, per app. */
		public Peaks max(Peaks other) {
			return new Peaks(Math.max(this.apiKb, other.apiKb), Math.max(this.consumerKb, other.consumerKb));
		}

	}

}
