package io.orderflow.timeout;

import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the timeout consumer's safety nets.
 */
@ConfigurationProperties("order.timeout")
public record TimeoutProperties(@DefaultValue @NestedConfigurationProperty Sweeper sweeper,
		@DefaultValue @NestedConfigurationProperty PaymentStatusCheck paymentStatusCheck) {

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
