package io.orderflow.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTests extends OrderApiIntegrationTest {

	@Test
	void aLineBreakInALoggedValueCannotForgeALogLine(CapturedOutput output) {
		String trackingNo = "SF1\r\n2026-12-01T00:00:00.000Z  INFO forged: order paid";

		LoggerFactory.getLogger(OperationsIntegrationTests.class).info("Shipped with tracking number {}", trackingNo);

		assertThat(output).contains("Shipped with tracking number SF1??2026-12-01T00:00:00.000Z  INFO forged")
			.doesNotContain("\n2026-12-01T00:00:00.000Z  INFO forged");
	}

	@Test
	void servesAnOpenApiDescriptionOfTheOrderApi() {
		Response docs = this.anonymous.get("/v3/api-docs");

		assertThat(docs.status()).isEqualTo(200);
		assertThat(docs.body().path("paths").propertyNames()).contains("/api/orders", "/api/orders/{orderNo}",
				"/api/orders/{orderNo}/cancellation");
	}

	@Test
	void controlCharactersInAnExceptionMessageAreNotWrittenRaw(CapturedOutput output) {
		String detail = "evt-1\u0085\r2026-12-01T00:00:00.000Z  INFO forged";

		LoggerFactory.getLogger(OperationsIntegrationTests.class)
			.warn("Callback failed", new IllegalStateException("no order " + detail));

		assertThat(output).contains("IllegalStateException: no order evt-1??2026-12-01T00:00:00.000Z  INFO forged")
			.doesNotContain(detail);
		assertThat(output.toString().split("IllegalStateException: no order", -1)).hasSize(2);
	}

	@Test
	void declaresTheBearerSchemeAndTheScopeOfEachOperation() {
		JsonNode docs = this.anonymous.get("/v3/api-docs").body();

		assertThat(docs.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(scopes(docs, "/paths/~1api~1orders/post")).containsExactly("orders:place");
		assertThat(scopes(docs, "/paths/~1api~1orders/get")).containsExactly("orders:read", "orders:admin");
		assertThat(scopes(docs, "/paths/~1api~1orders~1{orderNo}~1shipment/post")).containsExactly("orders:fulfil");
		// the callback needs no token: its signature authenticates it
		assertThat(docs.at("/paths/~1api~1payments~1callbacks/post/security").isArray()).isTrue();
		assertThat(docs.at("/paths/~1api~1payments~1callbacks/post/security").isEmpty()).isTrue();
	}

	@Test
	void reportsTheHealthOfTheDatabaseAndTheBroker() {
		Response health = management("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.text("status")).isEqualTo("UP");
		assertThat(health.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
		assertThat(health.body().path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
	}

	private static List<String> scopes(JsonNode docs, String operation) {
		return docs.at(operation + "/security/0/bearer").valueStream().map(JsonNode::asString).toList();
	}

}
