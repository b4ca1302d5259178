package io.orderflow.order;

import java.util.Set;

/**
 * Where an order is in its life, and where it may go next: the order's state machine.
 *
 * <pre>
 * PENDING_PAYMENT ──pay──▶ PAID ──ship──▶ SHIPPED ──receive / auto-complete──▶ COMPLETED
 *        │                   │
 *        └──cancel──▶ CANCELLED ◀──cancel, out of stock (refunded)
 * </pre>
 *
 * Every move is a row of {@link OrderTransition}, run as a guarded update in
 * {@link Orders} ({@code ... WHERE status = ANY(:from)}) that writes its event in the
 * same transaction.
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED;

	/** The states this one may move to, as {@link OrderTransition} says. */
	public Set<OrderStatus> next() {
		return OrderTransition.targetsFrom(this);
	}

}
