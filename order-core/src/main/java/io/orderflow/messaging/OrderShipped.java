package io.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once a paid order is
 * shipped; it completes by itself at {@code autoCompleteAt} unless the customer confirms
 * receipt first.
 */
public record OrderShipped(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String carrier, String trackingNo, Instant shippedAt,
		Instant autoCompleteAt, List<OrderEventItem> items) {

	public static final String TYPE = "order.shipped";

	public static final int SCHEMA_VERSION = 1;

}
