package io.orderflow.timeout;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

import io.orderflow.OrderCoreConfiguration;

@SpringBootApplication
@ConfigurationPropertiesScan
@Import(OrderCoreConfiguration.class)
public class TimeoutConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(TimeoutConsumerApplication.class, args);
	}

}
