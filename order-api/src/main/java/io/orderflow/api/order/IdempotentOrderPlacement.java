package io.orderflow.api.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.api.ApiProperties;
import io.orderflow.order.Order;
import io.orderflow.order.OrderPlacement;

/**
 * Places an order at most once per {@code Idempotency-Key}: the key, the order and the
 * response are stored in one transaction, so a retry after a timeout gets the original
 * response and never a second order.
 */
@Service
class IdempotentOrderPlacement {

	private static final Logger log = LoggerFactory.getLogger(IdempotentOrderPlacement.class);

	private final IdempotencyKeys keys;

	private final OrderPlacement placement;

	private final JsonMapper json;

	private final ApiProperties properties;

	private final Clock clock;

	IdempotentOrderPlacement(IdempotencyKeys keys, OrderPlacement placement, JsonMapper json, ApiProperties properties,
			Clock clock) {
		this.keys = keys;
		this.placement = placement;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
	}

	@Transactional
	Outcome place(String key, CreateOrderRequest request, Duration paymentTimeout) {
		if (!this.keys.tryLock(key)) {
			return new Outcome.KeyInUse();
		}
		String requestHash = fingerprint(request);
		var stored = this.keys.find(key);
		if (stored.isPresent()) {
			return stored.get().requestHash().equals(requestHash)
					? new Outcome.Replayed(this.json.readValue(stored.get().responseBody(), OrderResponse.class))
					: new Outcome.KeyReused();
		}
		Order order = this.placement.place(request.toNewOrder(paymentTimeout));
		OrderResponse response = OrderResponse.of(order);
		this.keys.save(key, requestHash, order.orderNo(), this.json.writeValueAsString(response), order.createdAt());
		return new Outcome.Placed(response);
	}

	@Scheduled(fixedDelayString = "${order.api.idempotency-purge-interval:1h}", initialDelayString = "1m")
	void purgeExpiredKeys() {
		Instant cutoff = this.clock.instant().minus(this.properties.idempotencyKeyRetention());
		int deleted = this.keys.deleteCreatedBefore(cutoff);
		if (deleted > 0) {
			log.info("Deleted {} idempotency keys created before {}", deleted, cutoff);
		}
	}

	/** Same request = same JSON once parsed: whitespace and key order do not matter. */
	private String fingerprint(CreateOrderRequest request) {
		try {
			byte[] canonical = this.json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	}

	/**
	 * What became of a request with an {@code Idempotency-Key}.
	 */
	sealed interface Outcome {

		/** This request placed the order. */
		record Placed(OrderResponse response) implements Outcome {
		}

		/**
		 * An earlier request with the same key and body placed it: answer as it was
		 * answered.
		 */
		record Replayed(OrderResponse response) implements Outcome {
		}

		/** An earlier request with the same key is still running. */
		record KeyInUse() implements Outcome {
		}

		/** The key was used for a different request. */
		record KeyReused() implements Outcome {
		}

	}

}
