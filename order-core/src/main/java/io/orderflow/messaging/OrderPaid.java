package io.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once a payment moved
 * an order from awaiting payment to paid, or when an order that costs nothing was placed
 * (then without {@code transactionId}), exactly once per order. It carries the delivery
 * address the warehouse picks and packs for.
 */
public record OrderPaid(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, @Nullable String transactionId, String currency, String totalAmount,
		List<OrderEventItem> items, Instant paidAt, @Nullable OrderEventAddress deliveryAddress) {

	public static final String TYPE = "order.paid";

	public static final int SCHEMA_VERSION = 1;

}
