package io.orderflow.messaging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Received from {@code inventory.events} with routing key {@value #TYPE}: inventory could
 * not reserve the order's stock. The AMQP {@code message_id} identifies the message.
 */
public record InventoryReservationRejected(@Nullable String orderNo, @Nullable String reason,
		@Nullable List<String> skus) {

	public static final String TYPE = "inventory.reservation-rejected";

}
