package io.orderflow.api.payment;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class ProductionSecretGuardUnitTests {

	private static final PaymentCallbackProperties DEVELOPMENT = new PaymentCallbackProperties(
			PaymentCallbackProperties.DEVELOPMENT_SECRET, Duration.ofMinutes(5));

	@Test
	void refusesTheDevelopmentSecretInProduction() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException()
			.isThrownBy(() -> new ProductionSecretGuard(DEVELOPMENT, production).afterPropertiesSet())
			.withMessageContaining("ORDER_PAYMENT_CALLBACK_SECRET");
	}

	@Test
	void acceptsAConfiguredSecretInProduction() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");
		PaymentCallbackProperties configured = new PaymentCallbackProperties("s3cr3t", Duration.ofMinutes(5));

		assertThatNoException()
			.isThrownBy(() -> new ProductionSecretGuard(configured, production).afterPropertiesSet());
	}

	@Test
	void acceptsTheDevelopmentSecretOutsideProduction() {
		assertThatNoException()
			.isThrownBy(() -> new ProductionSecretGuard(DEVELOPMENT, new MockEnvironment()).afterPropertiesSet());
	}

}
