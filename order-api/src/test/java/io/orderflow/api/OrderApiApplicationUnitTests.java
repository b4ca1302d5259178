package io.orderflow.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderApiApplicationUnitTests {

	@Test
	void servesAboutTwiceAsManyRequestsAtOnceAsTheHostHasCores() {
		assertThat(OrderApiApplication.hostSizedDefaults(2)).containsEntry("server.tomcat.threads.max", 5)
			.containsEntry("server.tomcat.threads.min-spare", 5);
		assertThat(OrderApiApplication.hostSizedDefaults(16)).containsEntry("server.tomcat.threads.max", 33)
			.containsEntry("server.tomcat.threads.min-spare", 10);
	}

}
