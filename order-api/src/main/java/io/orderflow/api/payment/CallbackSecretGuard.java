package io.orderflow.api.payment;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with the development callback secret unless a {@code dev} or
 * {@code test} profile is active, and never under {@code prod}: it is published in the
 * docs, so with it anyone could sign "payment succeeded" for any order. Failing closed
 * means a deployment that forgot to set the secret does not start, instead of starting
 * open.
 */
@Component
class CallbackSecretGuard implements InitializingBean {

	private final PaymentCallbackProperties properties;

	private final Environment environment;

	CallbackSecretGuard(PaymentCallbackProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.usesDevelopmentSecret()
				&& (this.environment.matchesProfiles("prod") || !this.environment.matchesProfiles("dev | test"))) {
			throw new IllegalStateException("The payment callback secret is the published development default: "
					+ "set ORDER_PAYMENT_CALLBACK_SECRET (e.g. openssl rand -hex 32), "
					+ "or activate the dev profile for a local run");
		}
	}

}
