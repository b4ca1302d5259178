package io.orderflow.api;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.orderflow.api.security.Scopes;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.testsupport.IntegrationTest;

/**
 * The API over real HTTP, on the real database and broker, called as each of its callers
 * would with the tokens of {@link TestTokens}. All API tests share this configuration,
 * hence one running app.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "order.outbox.max-backoff=2s", "spring.datasource.hikari.connection-timeout=1000",
				"order.payment.previous-callback-secret=" + OrderApiIntegrationTest.PREVIOUS_SECRET })
@ActiveProfiles("test")
public abstract class OrderApiIntegrationTest extends IntegrationTest {

	/** The secret the payment gateway signed with before the current one. */
	protected static final String PREVIOUS_SECRET = "previous-callback-secret-0123456789";

	protected static final String VALID_ORDER = """
			{"customerId": "%s", "currency": "CNY",
			 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90"}], "paymentTimeout": "PT30M"}""";

	/** A shipment as the warehouse reports it. */
	protected static final String SHIPMENT = """
			{"carrier": "SF Express", "trackingNo": "SF1234567890"}""";

	/** An order that costs nothing: a free gift. */
	protected static final String FREE_ORDER = """
			{"customerId": "%s", "currency": "CNY",
			 "items": [{"sku": "GIFT-1", "quantity": 1, "unitPrice": "0.00"}], "paymentTimeout": "PT30M"}""";

	private final HttpClient http = HttpClient.newHttpClient();

	/** No token: the payment gateway, or anyone. */
	protected final Client anonymous = new Client(null);

	/** The checkout backend: places orders. */
	protected final Client checkout = new Client(TestTokens.token("checkout", Scopes.PLACE));

	/** The warehouse: ships orders. */
	protected final Client warehouse = new Client(TestTokens.token("warehouse", Scopes.FULFIL));

	/** Support: reads, lists and cancels any order. */
	protected final Client support = new Client(TestTokens.token("support-agent-1", Scopes.ADMIN));

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	protected JsonMapper json;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected PaymentCallbacks payments;

	@DynamicPropertySource
	static void tokens(DynamicPropertyRegistry registry) {
		registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
	}

	protected static String newCustomer() {
		return "c-" + UUID.randomUUID();
	}

	/** A customer, through the frontend: their own orders only. */
	protected Client customer(String customerId) {
		return new Client(TestTokens.token(customerId, Scopes.READ, Scopes.WRITE));
	}

	/** Someone holding this token. */
	protected Client bearer(String token) {
		return new Client(token);
	}

	/**
	 * An order of the customer, placed by checkout and paid through a gateway
	 * notification (signed callbacks have tests of their own).
	 */
	protected String paidOrderOf(String customerId) {
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(customerId));
		String orderNo = placed.text("orderNo");
		this.payments.apply(new PaymentNotification("evt-" + UUID.randomUUID(), PaymentNotification.Type.SUCCEEDED,
				orderNo, "txn-" + UUID.randomUUID(), new BigDecimal(placed.text("totalAmount")),
				Currency.getInstance(placed.text("currency")), Instant.now()), "{}");
		return orderNo;
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

	/**
	 * The JSON type ({@code string}, {@code object}, {@code null}, ...) of {@code field}
	 * in the order's event of type {@code destination}, as the outbox holds it.
	 */
	protected String eventFieldType(String destination, String orderNo, String field) {
		return this.jdbc.sql("""
				SELECT jsonb_typeof(payload::jsonb -> :field)
				FROM outbox_message
				WHERE destination = :destination
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("field", field)
			.param("destination", destination)
			.param("orderNo", orderNo)
			.query(String.class)
			.single();
	}

	/** A GET of the management port, which needs no token. */
	protected Response management(String path) {
		return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + path)).GET().build());
	}

	private Response send(HttpRequest request) {
		try {
			var response = this.http.send(request, BodyHandlers.ofString());
			String contentType = response.headers().firstValue("Content-Type").orElse("");
			// Tomcat answers some malformed requests itself, in HTML
			JsonNode body = contentType.contains("json") ? this.json.readTree(response.body()) : this.json.nullNode();
			return new Response(response.statusCode(), contentType,
					response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("Idempotent-Replayed").isPresent(), body, response.headers());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Sends requests to the API port, with a bearer token or without one. */
	protected final class Client {

		private final @Nullable String token;

		private Client(@Nullable String token) {
			this.token = token;
		}

		public Response post(String path, String body, String... headers) {
			return send(request(path, headers).header("Content-Type", "application/json")
				.POST(BodyPublishers.ofString(body))
				.build());
		}

		public Response post(String path, BodyPublisher body, String contentType) {
			return send(request(path).header("Content-Type", contentType).POST(body).build());
		}

		public Response get(String path, String... headers) {
			return send(request(path, headers).GET().build());
		}

		public Response head(String path) {
			return send(request(path).method("HEAD", BodyPublishers.noBody()).build());
		}

		private HttpRequest.Builder request(String path, String... headers) {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
			if (this.token != null) {
				builder.header("Authorization", "Bearer " + this.token);
			}
			if (headers.length > 0) {
				builder.headers(headers);
			}
			return builder;
		}

	}

	protected record Response(int status, String contentType, String location, boolean replayed, JsonNode body,
			HttpHeaders headers) {

		public String text(String field) {
			return this.body.path(field).asString();
		}

		public @Nullable String header(String name) {
			return this.headers.firstValue(name).orElse(null);
		}

	}

}
