package io.orderflow.api.payment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class CallbackSecretGuardUnitTests {

	private static final String CONFIGURED = "0123456789abcdef0123456789abcdef";

	private static final PaymentCallbackProperties DEVELOPMENT = new PaymentCallbackProperties(
			PaymentCallbackProperties.DEVELOPMENT_SECRET, null, Duration.ofMinutes(5));

	@Test
	void refusesTheDevelopmentSecretWithoutADevelopmentProfile() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException().isThrownBy(() -> guard(DEVELOPMENT, production))
			.withMessageContaining("ORDER_PAYMENT_CALLBACK_SECRET");
		assertThatIllegalStateException().isThrownBy(() -> guard(DEVELOPMENT, new MockEnvironment()));
	}

	@Test
	void refusesTheDevelopmentSecretUnderProdEvenWithADevelopmentProfile() {
		MockEnvironment mixed = new MockEnvironment();
		mixed.setActiveProfiles("prod", "dev");

		assertThatIllegalStateException().isThrownBy(() -> guard(DEVELOPMENT, mixed));
	}

	@Test
	void aBlankPreviousSecretMeansNoRotation() {
		PaymentCallbackProperties properties = new PaymentCallbackProperties(CONFIGURED, " ", Duration.ofMinutes(5));

		assertThat(properties.secrets()).containsExactly(CONFIGURED);
	}

	@Test
	void refusesTheDevelopmentSecretAsThePreviousOne() {
		PaymentCallbackProperties rotating = new PaymentCallbackProperties(CONFIGURED,
				PaymentCallbackProperties.DEVELOPMENT_SECRET, Duration.ofMinutes(5));

		assertThatIllegalStateException().isThrownBy(() -> guard(rotating, new MockEnvironment()));
	}

	@Test
	void acceptsTheDevelopmentSecretUnderTheDevAndTestProfiles() {
		MockEnvironment dev = new MockEnvironment();
		dev.setActiveProfiles("dev");
		MockEnvironment test = new MockEnvironment();
		test.setActiveProfiles("test");

		assertThatNoException().isThrownBy(() -> guard(DEVELOPMENT, dev));
		assertThatNoException().isThrownBy(() -> guard(DEVELOPMENT, test));
	}

	@Test
	void acceptsAConfiguredSecretWithoutAnyProfile() {
		PaymentCallbackProperties configured = new PaymentCallbackProperties(CONFIGURED, null, Duration.ofMinutes(5));

		assertThatNoException().isThrownBy(() -> guard(configured, new MockEnvironment()));
	}

	@Test
	void refusesSecretsShorterThan32Bytes() {
		String short31 = CONFIGURED.substring(1);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentCallbackProperties(short31, null, Duration.ofMinutes(5)))
			.withMessageContaining("order.payment.callback-secret");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new PaymentCallbackProperties(CONFIGURED, short31, Duration.ofMinutes(5)))
			.withMessageContaining("order.payment.previous-callback-secret");
	}

	private static void guard(PaymentCallbackProperties properties, MockEnvironment environment) {
		new CallbackSecretGuard(properties, environment).afterPropertiesSet();
	}

}
