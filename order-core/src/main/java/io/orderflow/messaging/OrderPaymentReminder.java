package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * Published on {@code order.events} with routing key {@value #TYPE} a configured time
 * before the payment deadline of an order still unpaid, at most once per order, so that a
 * notification service can remind the customer.
 */
public record OrderPaymentReminder(UUID eventId, String type, int schemaVersion, Instant occurredAt, String orderNo,
		long orderVersion, String customerId, String currency, String totalAmount, Instant paymentDeadline) {

	public static final String TYPE = "order.payment-reminder";

	public static final int SCHEMA_VERSION = 1;

}
