package io.orderflow.timeout;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the timeout consumer: how it takes due timers, and its safety nets.
 *
 * @param maxMessageSize the largest message body the consumer reads, on every queue it
 * consumes: a larger one is parked unread, since no timer or inventory answer comes near
 * it and parsing it would only cost memory and time
 */
@ConfigurationProperties("order.timeout")
public record TimeoutProperties(@DefaultValue @NestedConfigurationProperty Timers timers,
		@DefaultValue @NestedConfigurationProperty Sweeper sweeper,
		@DefaultValue @NestedConfigurationProperty PaymentStatusCheck paymentStatusCheck,
		@DefaultValue("64KB") DataSize maxMessageSize) {

	public TimeoutProperties {
		if (maxMessageSize.toBytes() < 1) {
			throw new IllegalArgumentException(
					"order.timeout.max-message-size must be at least 1B, was " + maxMessageSize);
		}
	}

	/**
	 * How due timers (payment timeouts, auto-completions) are taken from their queues.
	 * Failed batches are retried with the back-off of
	 * {@code spring.rabbitmq.listener.simple.retry}, then parked.
	 *
	 * @param prefetch timers of each queue held unacknowledged at once: those waiting
	 * until they are due, and those being applied; bounds the memory they take
	 * @param batchSize timers applied in one transaction at most
	 * @param workers threads per queue applying batches
	 * @param maxHold a timer that arrives earlier than this before it is due is applied
	 * at once, which re-schedules it, instead of being held until it is due
	 */
	public record Timers(@DefaultValue("2000") int prefetch, @DefaultValue("500") int batchSize,
			@DefaultValue("2") int workers, @DefaultValue("10s") Duration maxHold) {

		public Timers {
			if (prefetch < 1 || batchSize < 1 || workers < 1) {
				throw new IllegalArgumentException(
						"order.timeout.timers.prefetch, batch-size and workers must be at least 1");
			}
		}

	}

	/**
	 * Finds unpaid orders whose timer was lost and cancels them.
	 *
	 * @param grace how long after its deadline an order counts as lost rather than late
	 * @param interval time between sweeps
	 * @param batchSize orders cancelled per transaction
	 */
	public record Sweeper(@DefaultValue("true") boolean enabled, @DefaultValue("1m") Duration grace,
			@DefaultValue("30s") Duration interval, @DefaultValue("100") int batchSize) {
	}

	/**
	 * Asks the payment gateway whether an order was paid after all (its callback lost)
	 * before cancelling it for timeout.
	 *
	 * @param url the gateway's status endpoint; queried as {@code GET <url>?orderNo=...}
	 * @param timeout connect and read timeout of one query
	 * @param maxAttempts queries per order before giving up and cancelling
	 * @param backoff wait between attempts
	 */
	public record PaymentStatusCheck(@DefaultValue("false") boolean enabled, @Nullable URI url,
			@DefaultValue("2s") Duration timeout, @DefaultValue("3") int maxAttempts,
			@DefaultValue("200ms") Duration backoff) {

		public PaymentStatusCheck {
			if (enabled && url == null) {
				throw new IllegalArgumentException(
						"order.timeout.payment-status-check.url is required when the status check is enabled");
			}
			if (maxAttempts < 1) {
				throw new IllegalArgumentException(
						"order.timeout.payment-status-check.max-attempts must be at least 1");
			}
		}

	}

}
