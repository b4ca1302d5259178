package io.orderflow.order;

/**
 * What an attempt to cancel an order came to. Only {@link Cancelled} changed anything.
 */
public sealed interface CancellationOutcome {

	/** This attempt cancelled the order and wrote its {@code order.cancelled} event. */
	record Cancelled(Order order) implements CancellationOutcome {
	}

	/**
	 * A payment timer arrived before the order's deadline (clock skew, an extended
	 * deadline): a new timer was scheduled for the deadline.
	 */
	record Rescheduled(Order order) implements CancellationOutcome {
	}

	/**
	 * The order is no longer awaiting payment (paid, or already cancelled): nothing
	 * changed.
	 */
	record NotAwaitingPayment(Order order) implements CancellationOutcome {
	}

	/** There is no such order. */
	record UnknownOrder(String orderNo) implements CancellationOutcome {
	}

}
