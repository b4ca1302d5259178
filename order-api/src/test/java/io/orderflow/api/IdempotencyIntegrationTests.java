package io.orderflow.api;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyIntegrationTests extends OrderApiIntegrationTest {

	@Autowired
	DataSource dataSource;

	@Test
	void repeatingARequestWithTheSameKeyAnswersTheOriginalResponse() {
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();

		Response first = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key", key);
		Response again = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key", key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.location()).isEqualTo(first.location());
		assertThat(again.replayed()).isTrue();
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void theSameBodyFormattedDifferentlyIsTheSameRequest() {
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();

		Response first = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key", key);
		Response again = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer).replace("\n", "\n   "),
				"Idempotency-Key", key);

		assertThat(again.text("orderNo")).isEqualTo(first.text("orderNo"));
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void reusingAKeyForADifferentRequestIsRefused() {
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key", key);

		Response other = this.checkout.post("/api/orders",
				VALID_ORDER.formatted(customer).replace("\"quantity\": 2", "\"quantity\": 3"), "Idempotency-Key", key);

		assertThat(other.status()).isEqualTo(422);
		assertThat(other.contentType()).isEqualTo("application/problem+json");
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void aKeyWhoseFirstRequestIsStillRunningIsAConflict() throws Exception {
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		// stands in for a first request that is still in its transaction: it holds the
		// key's lock
		try (Connection first = this.dataSource.getConnection()) {
			first.setAutoCommit(false);
			try (var lock = first.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))")) {
				lock.setString(1, key);
				lock.execute();
			}

			Response concurrent = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key",
					key);

			assertThat(concurrent.status()).isEqualTo(409);
			assertThat(concurrent.contentType()).isEqualTo("application/problem+json");
			first.rollback();
		}
		assertThat(this.checkout.post("/api/orders", VALID_ORDER.formatted(customer), "Idempotency-Key", key).status())
			.isEqualTo(201);
		assertThat(ordersOf(customer)).isOne();
	}

	@Test
	void concurrentRequestsWithOneKeyPlaceOneOrder() {
		String customer = newCustomer();
		String key = UUID.randomUUID().toString();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		List<Response> responses;
		try {
			List<CompletableFuture<Response>> requests = IntStream.range(0, 16)
				.mapToObj((i) -> CompletableFuture.supplyAsync(() -> this.checkout.post("/api/orders",
						VALID_ORDER.formatted(customer), "Idempotency-Key", key), pool))
				.toList();
			responses = requests.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(responses).extracting(Response::status).containsAnyOf(201).isSubsetOf(201, 409);
		assertThat(responses.stream().filter((r) -> r.status() == 201).map((r) -> r.text("orderNo")).distinct())
			.hasSize(1);
		assertThat(ordersOf(customer)).isOne();
	}

}
