package io.orderflow;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * What both apps import to get the order domain, its persistence, the outbox and the
 * broker topology.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(basePackages = { "io.orderflow.order", "io.orderflow.payment", "io.orderflow.inventory",
		"io.orderflow.inbox", "io.orderflow.outbox", "io.orderflow.messaging", "io.orderflow.monitoring" })
@ConfigurationPropertiesScan(basePackages = { "io.orderflow.outbox", "io.orderflow.messaging" })
@EnableConfigurationProperties(PaymentReminderProperties.class)
@EnableScheduling
public class OrderCoreConfiguration {

	/**
	 * Ticks in whole milliseconds: what is written to PostgreSQL (microseconds) is then
	 * exactly what the API and the events show (milliseconds), in every place that asks
	 * for the time.
	 */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
	}

}
