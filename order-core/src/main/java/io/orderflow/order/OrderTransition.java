package io.orderflow.order;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderflow.messaging.OrderCancelled;
import io.orderflow.messaging.OrderCompleted;
import io.orderflow.messaging.OrderPaid;
import io.orderflow.messaging.OrderShipped;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.COMPLETED;
import static io.orderflow.order.OrderStatus.PAID;
import static io.orderflow.order.OrderStatus.PENDING_PAYMENT;
import static io.orderflow.order.OrderStatus.SHIPPED;

/**
 * Every move of an order's life, in one table: the states it starts from, the state it
 * ends in, and the event it writes. The guarded updates in {@link Orders} take their
 * {@code status = ANY(:from)} and {@code status = :to} from here, and what a status may
 * become ({@link OrderStatus#next()}) is derived from it.
 */
public enum OrderTransition {

	/** The payment gateway reports the payment. */
	PAY(EnumSet.of(PENDING_PAYMENT), PAID, OrderPaid.TYPE),

	/**
	 * The customer (or support for them) cancels before shipment; a paid order is
	 * refunded in the same transaction.
	 */
	CANCEL_AT_CUSTOMER_REQUEST(EnumSet.of(PENDING_PAYMENT, PAID), CANCELLED, OrderCancelled.TYPE),

	/**
	 * The payment deadline passed: the payment timer, the sweeper or a read of the order.
	 */
	CANCEL_FOR_PAYMENT_TIMEOUT(EnumSet.of(PENDING_PAYMENT), CANCELLED, OrderCancelled.TYPE),

	/** Inventory has no stock: before shipment, paid (then refunded) or not. */
	CANCEL_OUT_OF_STOCK(EnumSet.of(PENDING_PAYMENT, PAID), CANCELLED, OrderCancelled.TYPE),

	/** The warehouse ships. */
	SHIP(EnumSet.of(PAID), SHIPPED, OrderShipped.TYPE),

	/** The customer confirms receipt. */
	CONFIRM_RECEIPT(EnumSet.of(SHIPPED), COMPLETED, OrderCompleted.TYPE),

	/** Nobody confirmed receipt in time: the auto-completion timer or the sweeper. */
	COMPLETE_AUTOMATICALLY(EnumSet.of(SHIPPED), COMPLETED, OrderCompleted.TYPE);

	private final Set<OrderStatus> from;

	private final OrderStatus to;

	private final String event;

	OrderTransition(Set<OrderStatus> from, OrderStatus to, String event) {
		this.from = from;
		this.to = to;
		this.event = event;
	}

	public Set<OrderStatus> from() {
		return EnumSet.copyOf(this.from);
	}

	public OrderStatus to() {
		return this.to;
	}

	/** The type of the event the transition writes, in the same transaction. */
	public String event() {
		return this.event;
	}

	/** What {@code status} may become, by any transition. */
	static Set<OrderStatus> targetsFrom(OrderStatus status) {
		return Arrays.stream(values())
			.filter((transition) -> transition.from.contains(status))
			.map(OrderTransition::to)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(OrderStatus.class)));
	}

	/** The {@code :from} of the SQL guard. */
	String[] fromNames() {
		return this.from.stream().map(Enum::name).toArray(String[]::new);
	}

}
