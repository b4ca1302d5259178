package io.orderflow.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIntegrationTests extends OrderApiIntegrationTest {

	@Test
	void servesAnOpenApiDescriptionOfTheOrderApi() {
		Response docs = get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().path("paths").propertyNames()).contains("/api/orders", "/api/orders/{orderNo}",
				"/api/orders/{orderNo}/cancellation");
	}

	@Test
	void reportsTheHealthOfTheDatabaseAndTheBroker() {
		Response health = get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
		assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.body().path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
	}

}
