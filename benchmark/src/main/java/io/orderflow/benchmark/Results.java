package io.orderflow.benchmark;

import java.util.List;
import java.util.Map;

import io.orderflow.benchmark.infra.RssSampler;
import io.orderflow.benchmark.workload.CreateThroughput;
import io.orderflow.benchmark.workload.DbCeiling;
import io.orderflow.benchmark.workload.DeadLetterRate;
import io.orderflow.benchmark.workload.HttpLoad;

/**
 * What one run measured. A figure that did not happen within its observation window (a
 * timer that never fired, a storm that did not finish) is {@code +Infinity}.
 */
public final class Results {

	private Results() {
	}

	/**
	 * @param apiSeconds order-api, from process start to health UP
	 * @param consumerSeconds order-timeout-consumer, the same
	 */
	public record Startup(double apiSeconds, double consumerSeconds) {
	}

	/**
	 * The burst: orders with timeouts of seconds, placed as fast as the clients go.
	 *
	 * @param placement the requests that placed them
	 * @param lateness lateness of their cancels
	 * @param rss the apps' peak memory from the first request until the last cancel
	 */
	public record Burst(HttpLoad.Result placement, Lateness lateness, RssSampler.Peaks rss) {
	}

	/**
	 * Lateness of the orders due during the precision window, or of the burst's.
	 *
	 * @param design the design
	 * @param due orders due in the window
	 * @param seconds sorted lateness of those cancelled
	 * @param notFired those still pending when the window closed
	 */
	public record Lateness(Design design, int due, double[] seconds, int notFired) {

		public static Lateness of(Design design, int due, double[] seconds, int notFired) {
			return new Lateness(design, due, seconds, notFired);
		}

		/**
		 * The percentile over all due orders, a timer that never fired counting as later
		 * than any.
		 */
		public double percentile(double percent) {
			if (this.due == 0) {
				return Double.NaN;
			}
			int rank = Math.max((int) Math.ceil(percent / 100.0 * this.due), 1);
			return (rank <= this.seconds.length) ? this.seconds[rank - 1] : Double.POSITIVE_INFINITY;
		}

		public double max() {
			if (this.notFired > 0) {
				return Double.POSITIVE_INFINITY;
			}
			return (this.seconds.length > 0) ? this.seconds[this.seconds.length - 1] : Double.NaN;
		}

		/** Orders cancelled more than {@code threshold} seconds late, or not at all. */
		public int lateBy(double threshold) {
			int late = this.notFired;
			for (double value : this.seconds) {
				if (value > threshold) {
					late++;
				}
			}
			return late;
		}

	}

	/**
	 * The expiry storm.
	 *
	 * @param design the design
	 * @param size orders due in the same second
	 * @param cancelled how many were cancelled before the storm timed out
	 * @param firstAfter seconds from the deadline to the first cancel
	 * @param allCancelledAfter seconds from the deadline to the last cancel
	 * @param allPublishedAfter seconds from the deadline until the last
	 * {@code order.cancelled} event was published (the service only; NaN for baselines)
	 * @param cancelsPerSecond the storm's size over the time from the deadline to the
	 * last cancel
	 * @param offsets seconds from the deadline to each cancel, in order
	 */
	public record Storm(Design design, int size, long cancelled, double firstAfter, double allCancelledAfter,
			double allPublishedAfter, double cancelsPerSecond, double[] offsets) {
	}

	/**
	 * Timers that fell due while the design's consumer was stopped.
	 *
	 * @param design the design
	 * @param timers orders whose timers were planned to fall due while it was stopped
	 * @param dueWhileDown those whose deadline fell between the stop and the restart
	 * @param cancelled those cancelled by the end of the observation after the restart
	 * @param downSeconds from the end of the stop to the restart
	 * @param restartSeconds how long the restart took: for the service the consumer's
	 * start-up until its health is UP
	 * @param lastCancelAfterRestart seconds from the restart to the last cancel, NaN if
	 * none
	 */
	public record Outage(Design design, long timers, long dueWhileDown, long cancelled, double downSeconds,
			double restartSeconds, double lastCancelAfterRestart) {

		/** Never cancelled: lost, as far as anyone waiting for the cancel can tell. */
		public long lost() {
			return this.timers - this.cancelled;
		}

	}

	/**
	 * Memory and disk that pending timers occupy.
	 *
	 * @param apiIdleKb order-api RSS right after start-up
	 * @param consumerIdleKb order-timeout-consumer RSS right after start-up
	 * @param brokerIdleKb RabbitMQ (beam.smp) RSS right after the apps started
	 * @param apiKb order-api RSS holding the pending population
	 * @param consumerKb order-timeout-consumer RSS, the same
	 * @param brokerKb RabbitMQ RSS, the same
	 * @param pendingTimers timers waiting in the delay levels at that moment
	 * @param queueMemoryBytes memory of the delay-level queue processes (rabbitmqctl), or
	 * -1
	 * @param databaseBytes size of each design's database holding its pending population
	 * @param ttlBrokerDeltaKb broker RSS growth while the TTL-queue baseline published
	 * its timers
	 * @param ttlTimers timers the TTL-queue baseline published
	 */
	public record Footprint(long apiIdleKb, long consumerIdleKb, long brokerIdleKb, long apiKb, long consumerKb,
			long brokerKb, long pendingTimers, long queueMemoryBytes, Map<Design, Long> databaseBytes,
			long ttlBrokerDeltaKb, long ttlTimers) {
	}

	/**
	 * One run of every workload.
	 *
	 * @param pendingOrders orders the service held pending in the precision workload
	 * @param serviceStormCpu cores per process during the service's storm
	 * @param serviceStormRss the apps' peak memory during the service's storm
	 * @param outageSweeperCancelled orders the restarted consumer's sweeper cancelled by
	 * the end of the outage's observation
	 * @param sweeperCancelled orders the consumer's sweeper cancelled in the whole run
	 * @param deadLetterPrefetch the broker's {@code dead_letter_worker_consumer_prefetch}
	 * when the run started
	 */
	public record Run(int number, Startup startup, CreateThroughput.Window creation, DbCeiling.Result ceiling,
			Burst burst, int pendingOrders, Map<Design, Lateness> lateness, Map<Design, Storm> storms,
			Map<String, Double> serviceStormCpu, RssSampler.Peaks serviceStormRss, DeadLetterRate.Result deadLetters,
			Map<Design, Outage> outages, double outageSweeperCancelled, Footprint footprint, double sweeperCancelled,
			String deadLetterPrefetch, List<String> notes, List<String> otherProcesses, String loadAverageBefore,
			double wallSeconds) {

		/**
		 * The apps' peak memory under load: the create-throughput window, the burst and
		 * the service's storm.
		 */
		public RssSampler.Peaks rssUnderLoad() {
			return this.creation.rss().max(this.burst.rss()).max(this.serviceStormRss);
		}

	}

}
