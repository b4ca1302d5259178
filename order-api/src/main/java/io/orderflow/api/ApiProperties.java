package io.orderflow.api;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP API.
 *
 * @param defaultPaymentTimeout how long a customer has to pay when the request names no
 * {@code paymentTimeout}
 * @param minPaymentTimeout shortest {@code paymentTimeout} a request may ask for
 * @param maxPaymentTimeout longest {@code paymentTimeout} a request may ask for
 * @param maxRequestBodySize larger request bodies are refused with 413
 * @param idempotencyKeyRetention how long a request with an {@code Idempotency-Key} can
 * be replayed
 */
@ConfigurationProperties("order.api")
public record ApiProperties(@DefaultValue("30m") Duration defaultPaymentTimeout,
		@DefaultValue("1s") Duration minPaymentTimeout, @DefaultValue("30d") Duration maxPaymentTimeout,
		@DefaultValue("64KB") DataSize maxRequestBodySize, @DefaultValue("24h") Duration idempotencyKeyRetention,
		@DefaultValue("7d") Duration defaultAutoCompleteAfter, @DefaultValue("1s") Duration minAutoCompleteAfter,
		@DefaultValue("90d") Duration maxAutoCompleteAfter) {

	public ApiProperties {
		if (minPaymentTimeout.compareTo(Duration.ZERO) <= 0 || minPaymentTimeout.compareTo(maxPaymentTimeout) > 0
				|| defaultPaymentTimeout.compareTo(minPaymentTimeout) < 0
				|| defaultPaymentTimeout.compareTo(maxPaymentTimeout) > 0) {
			throw new IllegalArgumentException(
					"order.api payment timeouts must satisfy 0 < min <= default <= max, were " + minPaymentTimeout
							+ ", " + defaultPaymentTimeout + ", " + maxPaymentTimeout);
		}
	}

}
