package io.orderflow.messaging;

/**
 * Received from {@code inventory.events} with routing key {@value #TYPE}: inventory
 * reserved the order's stock. The AMQP {@code message_id} identifies the message.
 */
public record InventoryReservationConfirmed(String orderNo) {

	public static final String TYPE = "inventory.reservation-confirmed";

}
