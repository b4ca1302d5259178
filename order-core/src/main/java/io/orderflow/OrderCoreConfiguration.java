package io.orderflow;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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
		"io.orderflow.inbox", "io.orderflow.outbox", "io.orderflow.messaging" })
@ConfigurationPropertiesScan(basePackages = { "io.orderflow.outbox", "io.orderflow.messaging" })
@EnableScheduling
public class OrderCoreConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

}
