package io.orderflow.api;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.orderflow.OrderCoreConfiguration;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(OrderCoreConfiguration.class)
public class OrderApiApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OrderApiApplication.class);
		application.setDefaultProperties(hostSizedDefaults(Runtime.getRuntime().availableProcessors()));
		application.run(args);
	}

	/**
	 * Requests served at once: about twice the cores. A placement is CPU work here, in
	 * PostgreSQL and in RabbitMQ; more of them at once only queue inside those and take
	 * the CPU the outbox relay needs to keep up, so that orders get ahead of their events
	 * and timers (measured in docs/decisions/0004-timers-at-the-brokers-speed.md). Any
	 * configured {@code server.tomcat.threads.max} wins over this default.
	 */
	static Map<String, Object> hostSizedDefaults(int cores) {
		int requestThreads = 2 * cores + 1;
		return Map.of("server.tomcat.threads.max", requestThreads, "server.tomcat.threads.min-spare",
				Math.min(requestThreads, 10));
	}

}
