package io.orderflow.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.orderflow.api.security.Scopes;

import static org.assertj.core.api.Assertions.assertThat;

class OrderValidationIntegrationTests extends OrderApiIntegrationTest {

	@ParameterizedTest
	@MethodSource("io.orderflow.api.OrderBodies#boundaryOrders")
	void acceptsValuesAtTheBoundaries(String body) {
		assertThat(this.checkout.post("/api/orders", body).status()).isEqualTo(201);
	}

	@Test
	void reportsEveryInvalidFieldAtOnce() {
		Response response = this.checkout.post("/api/orders", """
				{"customerId": "", "currency": "EUR", "paymentTimeout": "PT0S",
				 "items": [{"sku": "S", "quantity": 0, "unitPrice": "1.00"}]}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactly("customerId", "items[0].quantity", "paymentTimeout");
	}

	@Test
	void refusesMalformedJson() {
		Response response = this.checkout.post("/api/orders", "{\"customerId\": ");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text("title")).isEqualTo("Malformed request body");
	}

	@Test
	void refusesAMissingBody() {
		assertThat(this.checkout.post("/api/orders", "").status()).isEqualTo(400);
	}

	@Test
	void refusesABodyThatIsNotAnObject() {
		assertThat(this.checkout.post("/api/orders", "[1, 2]").status()).isEqualTo(400);
	}

	@Test
	void refusesAnOversizedBody() {
		Response response = this.checkout.post("/api/orders", oversized());

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	@Test
	void refusesAnOversizedChunkedBody() {
		byte[] body = oversized().getBytes(StandardCharsets.UTF_8);
		Response response = this.checkout.post("/api/orders",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), "application/json");

		assertThat(response.status()).isEqualTo(413);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	@Test
	void refusesABodyThatIsNotJson() {
		Response response = this.checkout.post("/api/orders", BodyPublishers.ofString("customerId=c-1"), "text/plain");

		assertThat(response.status()).isEqualTo(415);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	@Test
	void refusesAnIdempotencyKeyThatIsTooLong() {
		Response response = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()), "Idempotency-Key",
				"k".repeat(256));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("Idempotency-Key");
	}

	private static String oversized() {
		return OrderBodies.body("customerId", OrderBodies.quoted("c".repeat(70 * 1024)));
	}

	/** A valid order with one field replaced. */
	@Test
	void refusesControlCharactersInParametersAndPaths() {
		Response listed = this.support.get("/api/orders?customerId=c-1%00");
		Response read = this.support.get("/api/orders/01M0000000000%1B");
		Response cancelled = this.support.post("/api/orders/01M0000000000%C2%85/cancellation", "");
		Response tooLong = this.support.get("/api/orders/" + "0".repeat(33));
		Response withNul = this.support.get("/api/orders/01M0000000000%00");

		assertThat(listed.body().path("errors").get(0).path("field").asString()).isEqualTo("customerId");
		for (Response response : List.of(read, cancelled, tooLong)) {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.contentType()).isEqualTo("application/problem+json");
			assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("orderNo");
		}
		// NUL, CR and LF are refused by Tomcat before any code of ours runs
		assertThat(withNul.status()).isEqualTo(400);
	}

	@Test
	void refusesControlCharactersInHeaders() throws IOException {
		// sent byte by byte: HTTP clients refuse to send such a header
		byte[] body = VALID_ORDER.formatted(newCustomer()).getBytes(StandardCharsets.UTF_8);
		String head = "POST /api/orders HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + "Authorization: Bearer "
				+ TestTokens.token("checkout", Scopes.PLACE) + "\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
				+ "Idempotency-Key: key-\u0085\r\n\r\n";
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().write(body);
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

			assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
		}
	}

	@Test
	void refusesControlCharactersInAShipment() {
		Response response = this.warehouse.post("/api/orders/01M0000000000000000000000Z/shipment",
				"{\"carrier\": \"SF\\u0000\", \"trackingNo\": \"T\\r\\n\"}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body().path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactly("carrier", "trackingNo");
	}

}
