package io.orderflow.order;

/**
 * Where an order is in its life. Only {@link #PENDING_PAYMENT} orders can be cancelled or
 * paid.
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED

}
