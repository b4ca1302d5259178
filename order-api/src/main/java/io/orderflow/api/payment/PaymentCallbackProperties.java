package io.orderflow.api.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How payment callbacks are authenticated.
 *
 * @param callbackSecret the secret shared with the payment gateway
 * ({@code ORDER_PAYMENT_CALLBACK_SECRET}); the development default is refused unless the
 * {@code dev} or {@code test} profile is active
 * @param previousCallbackSecret while the gateway rotates its secret, the one it used
 * before ({@code ORDER_PAYMENT_PREVIOUS_CALLBACK_SECRET}); callbacks signed with either
 * are accepted
 * @param signatureTolerance how far the signed timestamp may be from now, against replays
 */
@ConfigurationProperties("order.payment")
public record PaymentCallbackProperties(@DefaultValue(DEVELOPMENT_SECRET) String callbackSecret,
		@Nullable String previousCallbackSecret, @DefaultValue("5m") Duration signatureTolerance) {

	/** For local runs and tests only; documented in docs/configuration.md. */
	public static final String DEVELOPMENT_SECRET = "dev-only-callback-secret-never-use-in-production";

	/** As long as the output of HMAC-SHA256 (RFC 2104 recommends no less). */
	static final int MIN_SECRET_BYTES = 32;

	public PaymentCallbackProperties {
		requireLongEnough("order.payment.callback-secret", callbackSecret);
		if (previousCallbackSecret != null && previousCallbackSecret.isBlank()) {
			previousCallbackSecret = null; // set but empty: no rotation under way
		}
		if (previousCallbackSecret != null) {
			requireLongEnough("order.payment.previous-callback-secret", previousCallbackSecret);
		}
	}

	/** The secrets a callback may be signed with, the current one first. */
	List<String> secrets() {
		return Stream.of(this.callbackSecret, this.previousCallbackSecret).filter((s) -> s != null).toList();
	}

	boolean usesDevelopmentSecret() {
		return secrets().contains(DEVELOPMENT_SECRET);
	}

	private static void requireLongEnough(String property, String secret) {
		if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
			throw new IllegalArgumentException(
					property + " must be at least " + MIN_SECRET_BYTES + " bytes long, e.g. openssl rand -hex 32");
		}
	}

}
