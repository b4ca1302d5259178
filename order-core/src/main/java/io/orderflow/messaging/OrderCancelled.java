package io.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once an order is
 * cancelled, exactly once per order. Carries the items so that inventory can release
 * their stock without asking.
 *
 * @param reason {@code PAYMENT_TIMEOUT}, {@code CUSTOMER_REQUEST} or {@code OUT_OF_STOCK}
 */
public record OrderCancelled(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String reason, Instant cancelledAt, String currency, String totalAmount,
		List<OrderEventItem> items) {

	public static final String TYPE = "order.cancelled";

	public static final int SCHEMA_VERSION = 1;

}
