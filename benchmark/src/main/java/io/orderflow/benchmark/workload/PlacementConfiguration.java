package io.orderflow.benchmark.workload;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.LifecycleProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;

import io.orderflow.PaymentReminderProperties;
import io.orderflow.order.OrderPlacement;
import io.orderflow.outbox.Outbox;
import io.orderflow.outbox.OutboxPublisher;

/**
 * The Spring context of {@link ServicePlacement}: the service's order and outbox beans
 * (created when first needed, so only what {@link OrderPlacement} uses), with the JSON
 * mapper, JDBC and transactions as Spring Boot configures them in the apps.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ JacksonAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
		JdbcClientAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		TransactionAutoConfiguration.class })
@ComponentScan(basePackageClasses = { OrderPlacement.class, Outbox.class }, lazyInit = true)
@ConfigurationPropertiesScan(basePackageClasses = { OrderPlacement.class, Outbox.class })
@EnableConfigurationProperties(PaymentReminderProperties.class)
class PlacementConfiguration {

	/** The outbox's meters need a registry; nobody reads this one. */
	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

	@Bean
	PlanningClock clock() {
		return new PlanningClock();
	}

	/**
	 * What the outbox relay would publish with; it is never started (see
	 * {@link #lifecycleProcessor()}), so this is never asked.
	 */
	@Bean
	OutboxPublisher outboxPublisher() {
		return (batch) -> {
			throw new IllegalStateException("the benchmark publishes nothing itself; the apps' relays do");
		};
	}

	/** Starts no lifecycle bean: the outbox relay stays stopped. */
	@Bean(AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
	static LifecycleProcessor lifecycleProcessor() {
		return new NothingStarts();
	}

	private static final class NothingStarts implements LifecycleProcessor {

		@Override
		public void onRefresh() {
		}

		@Override
		public void onClose() {
		}

		@Override
		public void start() {
		}

		@Override
		public void stop() {
		}

		@Override
		public boolean isRunning() {
			return false;
		}

	}

}
