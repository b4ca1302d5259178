package io.orderflow.api.order;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.orderflow.jdbc.Timestamps;

/**
 * Responses of requests that carried an {@code Idempotency-Key}, kept for replay.
 */
@Repository
class IdempotencyKeys {

	/*
	 * A transaction-scoped advisory lock on the key: a second request with the same key
	 * does not wait for the first, it learns that the first is still running. The lock
	 * goes with the transaction, so a crash never leaves a key stuck.
	 */
	private static final String TRY_LOCK = """
			SELECT pg_try_advisory_xact_lock(hashtextextended(:key, 0))""";

	private static final String SELECT = """
			SELECT request_hash, response_body
			FROM idempotency_key
			WHERE idempotency_key = :key""";

	private static final String INSERT = """
			INSERT INTO idempotency_key (idempotency_key, request_hash, order_no, response_body, created_at)
			VALUES (:key, :requestHash, :orderNo, :responseBody, :createdAt)""";

	private static final String DELETE_CREATED_BEFORE = """
			DELETE FROM idempotency_key
			WHERE created_at < :cutoff""";

	// The replay of a placement shows no address once its customer had it erased.
	private static final String REDACT_DELIVERY_ADDRESSES = """
			UPDATE idempotency_key
			SET response_body = jsonb_set(response_body::jsonb, '{deliveryAddress}', 'null'::jsonb)::text
			WHERE order_no = ANY(:orderNos)""";

	private final JdbcClient jdbc;

	IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @return {@code false} while another transaction holds the key
	 */
	boolean tryLock(String key) {
		return this.jdbc.sql(TRY_LOCK).param("key", key).query(Boolean.class).single();
	}

	Optional<StoredResponse> find(String key) {
		return this.jdbc.sql(SELECT)
			.param("key", key)
			.query((rs, rowNum) -> new StoredResponse(rs.getString("request_hash"), rs.getString("response_body")))
			.optional();
	}

	void save(String key, String requestHash, String orderNo, String responseBody, Instant createdAt) {
		this.jdbc.sql(INSERT)
			.param("key", key)
			.param("requestHash", requestHash)
			.param("orderNo", orderNo)
			.param("responseBody", responseBody)
			.param("createdAt", Timestamps.utc(createdAt))
			.update();
	}

	int redactDeliveryAddresses(Collection<String> orderNos) {
		return orderNos.isEmpty() ? 0
				: this.jdbc.sql(REDACT_DELIVERY_ADDRESSES).param("orderNos", orderNos.toArray(String[]::new)).update();
	}

	int deleteCreatedBefore(Instant cutoff) {
		return this.jdbc.sql(DELETE_CREATED_BEFORE).param("cutoff", Timestamps.utc(cutoff)).update();
	}

	record StoredResponse(String requestHash, String responseBody) {
	}

}
