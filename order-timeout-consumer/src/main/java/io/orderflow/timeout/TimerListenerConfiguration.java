package io.orderflow.timeout;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.messaging.PaymentReminderTimer;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;

@Configuration(proxyBeanMethods = false)
class TimerListenerConfiguration {

	static final String CONTAINER_FACTORY = "timerListenerContainerFactory";

	/**
	 * Boot's listener settings, except that a timer's message is settled by its
	 * {@link DueTimerBatcher} once its batch committed (manual acknowledgement), failures
	 * are retried there rather than in the listener, and one consumer per queue with a
	 * large prefetch keeps the timers that wait to be due coming: the consumer thread
	 * only reads them.
	 */
	@Bean(CONTAINER_FACTORY)
	SimpleRabbitListenerContainerFactory timerListenerContainerFactory(
			SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
			TimeoutProperties properties) {
		SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
		configurer.configure(factory, connectionFactory);
		factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		factory.setAdviceChain();
		factory.setConcurrentConsumers(1);
		factory.setMaxConcurrentConsumers(1);
		factory.setPrefetchCount(properties.timers().prefetch());
		return factory;
	}

	@Bean
	DueTimerBatcher<PaymentTimeoutTimer> paymentTimeouts(PaymentTimeoutHandler handler, TimeoutProperties properties,
			RabbitProperties rabbit, MeterRegistry meters, Clock clock) {
		return new DueTimerBatcher<>(Topology.PAYMENT_TIMEOUT, handler::apply, properties.timers(), retryPolicy(rabbit),
				meters, clock);
	}

	@Bean
	DueTimerBatcher<AutoCompletionTimer> autoCompletions(AutoCompletionHandler handler, TimeoutProperties properties,
			RabbitProperties rabbit, MeterRegistry meters, Clock clock) {
		return new DueTimerBatcher<>(Topology.AUTO_COMPLETION, handler::apply, properties.timers(), retryPolicy(rabbit),
				meters, clock);
	}

	@Bean
	DueTimerBatcher<PaymentReminderTimer> paymentReminderTimers(PaymentReminderHandler handler,
			TimeoutProperties properties, RabbitProperties rabbit, MeterRegistry meters, Clock clock) {
		return new DueTimerBatcher<>(Topology.PAYMENT_REMINDER, handler::apply, properties.timers(),
				retryPolicy(rabbit), meters, clock);
	}

	/**
	 * The back-off of {@code spring.rabbitmq.listener.simple.retry}, for failed batches.
	 */
	private static RetryPolicy retryPolicy(RabbitProperties rabbit) {
		RabbitProperties.ListenerRetry retry = rabbit.getListener().getSimple().getRetry();
		return RetryPolicy.builder()
			.maxRetries(retry.isEnabled() ? retry.getMaxRetries() : 0)
			.delay(retry.getInitialInterval())
			.multiplier(retry.getMultiplier())
			.maxDelay(retry.getMaxInterval())
			.build();
	}

}
