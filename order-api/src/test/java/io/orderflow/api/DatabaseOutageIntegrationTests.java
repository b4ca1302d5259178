package io.orderflow.api;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database that cannot be reached answers 503 with {@code Retry-After}, never 500, and
 * the request can simply be repeated once it is back.
 */
class DatabaseOutageIntegrationTests extends OrderApiIntegrationTest {

	@AfterEach
	void restoreTheDatabase() {
		databaseLink().restore();
	}

	@Test
	void answers503WithRetryAfterWhileTheDatabaseIsUnreachable() {
		String customerId = newCustomer();
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(customerId)).text("orderNo");

		databaseLink().cut();
		Response placing = this.checkout.post("/api/orders", VALID_ORDER.formatted(customerId));
		Response reading = customer(customerId).get("/api/orders/" + orderNo);

		for (Response response : new Response[] { placing, reading }) {
			assertThat(response.status()).isEqualTo(503);
			assertThat(response.contentType()).isEqualTo("application/problem+json");
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		}
		databaseLink().restore();
		// as a client told to retry does: a connection the pool still held from before
		// the cut
		// may fail once more; the Idempotency-Key makes the retries place one order
		String key = "after-outage-" + customerId;
		await().atMost(Duration.ofSeconds(15))
			.until(() -> this.checkout.post("/api/orders", VALID_ORDER.formatted(customerId), "Idempotency-Key", key)
				.status() == 201);
		assertThat(ordersOf(customerId)).isEqualTo(2);
	}

}
