package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once a shipped order
 * is completed.
 *
 * @param completedBy {@code CUSTOMER} (receipt confirmed) or {@code AUTO} (the
 * auto-completion timer fired first)
 */
public record OrderCompleted(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String completedBy, Instant completedAt) {

	public static final String TYPE = "order.completed";

	public static final int SCHEMA_VERSION = 1;

}
