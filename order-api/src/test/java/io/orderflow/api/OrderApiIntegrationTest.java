package io.orderflow.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.testsupport.IntegrationTest;

/**
 * The API over real HTTP, on the real database and broker. All API tests share this
 * configuration, hence one running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "order.outbox.max-backoff=2s")
public abstract class OrderApiIntegrationTest extends IntegrationTest {

	protected static final String VALID_ORDER = """
			{"customerId": "%s", "currency": "CNY",
			 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90"}], "paymentTimeout": "PT30M"}""";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected JdbcClient jdbc;

	protected static String newCustomer() {
		return "c-" + UUID.randomUUID();
	}

	protected Response post(String path, String body, String... headers) {
		return send(request(path, headers).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build());
	}

	protected Response post(String path, BodyPublisher body, String contentType) {
		return send(request(path).header("Content-Type", contentType).POST(body).build());
	}

	protected Response get(String path) {
		return send(request(path).GET().build());
	}

	protected int ordersOf(String customerId) {
		return this.jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = :customerId")
			.param("customerId", customerId)
			.query(Integer.class)
			.single();
	}

	protected int outboxMessages(String destination, String orderNo) {
		return this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE destination = :destination
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("destination", destination)
			.param("orderNo", orderNo)
			.query(Integer.class)
			.single();
	}

	private HttpRequest.Builder request(String path, String... headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
		if (headers.length > 0) {
			builder.headers(headers);
		}
		return builder;
	}

	private Response send(HttpRequest request) {
		try {
			var response = this.http.send(request, BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			JsonNode body = response.body().isEmpty() ? this.json.nullNode() : this.json.readTree(response.body());
			return new Response(response.statusCode(), contentType,
					response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("Idempotent-Replayed").isPresent(), body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	protected record Response(int status, String contentType, String location, boolean replayed, JsonNode body) {

		public String text(String field) {
			return this.body.path(field).asString();
		}

	}

}
