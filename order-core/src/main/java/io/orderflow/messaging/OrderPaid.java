package io.orderflow.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} once a payment moved
 * an order from awaiting payment to paid, exactly once per order.
 */
public record OrderPaid(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		String customerId, String transactionId, String currency, String totalAmount, List<OrderEventItem> items,
		Instant paidAt) {

	public static final String TYPE = "order.paid";

	public static final int SCHEMA_VERSION = 1;

}
