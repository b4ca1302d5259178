package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} when money arrived
 * that the order cannot keep: the order was cancelled before the payment committed
 * (reason {@code ORDER_CANCELLED}), or it was already paid by another transaction (reason
 * {@code DUPLICATE_PAYMENT}). Exactly one per transaction.
 */
public record OrderRefundRequested(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String transactionId, String amount, String currency, String reason) {

	public static final String TYPE = "order.refund-requested";

	public static final int SCHEMA_VERSION = 1;

}
