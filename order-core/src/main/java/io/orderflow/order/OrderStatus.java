package io.orderflow.order;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order is in its life, and where it may go next: the order's state machine.
 *
 * <pre>
 * PENDING_PAYMENT ──pay──▶ PAID ──ship──▶ SHIPPED ──receive / auto-complete──▶ COMPLETED
 *        │                   │
 *        └──cancel──▶ CANCELLED ◀──out of stock (refunded)
 * </pre>
 *
 * Every transition is a guarded update in {@link Orders}
 * ({@code ... WHERE status = <from>}) that writes its event in the same transaction.
 */
public enum OrderStatus {

	PENDING_PAYMENT, PAID, SHIPPED, COMPLETED, CANCELLED;

	/** The states this one may move to. */
	public Set<OrderStatus> next() {
		return switch (this) {
			case PENDING_PAYMENT -> EnumSet.of(PAID, CANCELLED);
			case PAID -> EnumSet.of(SHIPPED, CANCELLED);
			case SHIPPED -> EnumSet.of(COMPLETED);
			case COMPLETED, CANCELLED -> EnumSet.noneOf(OrderStatus.class);
		};
	}

	public boolean canBecome(OrderStatus status) {
		return next().contains(status);
	}

}
