package io.orderflow.api.payment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment callbacks are authenticated.
 *
 * @param callbackSecret the secret shared with the payment gateway
 * ({@code ORDER_PAYMENT_CALLBACK_SECRET}); the development default is refused when the
 * {@code prod} profile is active
 * @param signatureTolerance how far the signed timestamp may be from now, against replays
 */
@ConfigurationProperties("order.payment")
public record PaymentCallbackProperties(@DefaultValue(DEVELOPMENT_SECRET) String callbackSecret,
		@DefaultValue("5m") Duration signatureTolerance) {

	/** For local runs and tests only; documented in the README. */
	public static final String DEVELOPMENT_SECRET = "dev-only-callback-secret";

	public PaymentCallbackProperties {
		if (callbackSecret.isBlank()) {
			throw new IllegalArgumentException("order.payment.callback-secret must not be blank");
		}
	}

	boolean usesDevelopmentSecret() {
		return DEVELOPMENT_SECRET.equals(this.callbackSecret);
	}

}
