package io.orderflow.api.payment;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start in production with the development callback secret: anyone could sign
 * "payment succeeded" for any order.
 */
@Component
class ProductionSecretGuard implements InitializingBean {

	private final PaymentCallbackProperties properties;

	private final Environment environment;

	ProductionSecretGuard(PaymentCallbackProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.environment.matchesProfiles("prod") && this.properties.usesDevelopmentSecret()) {
			throw new IllegalStateException("The prod profile is active but the payment callback secret is the "
					+ "development default: set ORDER_PAYMENT_CALLBACK_SECRET");
		}
	}

}
