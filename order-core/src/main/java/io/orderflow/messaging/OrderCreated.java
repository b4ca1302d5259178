package io.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once an order is
 * stored. Amounts are decimal strings with two places.
 */
public record OrderCreated(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String currency, String totalAmount, List<OrderEventItem> items,
		Instant createdAt, Instant paymentDeadline) {

	public static final String TYPE = "order.created";

	public static final int SCHEMA_VERSION = 1;

}
