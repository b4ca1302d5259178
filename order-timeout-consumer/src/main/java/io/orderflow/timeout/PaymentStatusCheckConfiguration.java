package io.orderflow.timeout;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PaymentStatusCheckConfiguration {

	@Bean
	@ConditionalOnBooleanProperty("order.timeout.payment-status-check.enabled")
	PaymentStatusCheck httpPaymentStatusCheck(TimeoutProperties properties) {
		return new HttpPaymentStatusCheck(properties.paymentStatusCheck());
	}

}
