package io.orderflow.messaging;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.amqp.autoconfigure.RabbitTemplateConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

	/**
	 * Boot's template, mandatory for timers (the messages with an {@code x-deliver-at}
	 * header): a timer that no queue would take comes back as a return and is published
	 * again, instead of vanishing. Events are not: one that nobody subscribed to is
	 * dropped by the broker (as documented), without being sent back.
	 */
	@Bean
	RabbitTemplate rabbitTemplate(RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory) {
		RabbitTemplate template = new RabbitTemplate();
		configurer.configure(template, connectionFactory);
		template.setMandatoryExpressionString(
				"messageProperties.headers['" + RabbitOutboxPublisher.DELIVER_AT_HEADER + "'] != null");
		// Returns are read from each publish's CorrelationData; this only keeps the
		// template from
		// warning that nobody listens to them.
		template.setReturnsCallback((returned) -> {
		});
		return template;
	}

}
