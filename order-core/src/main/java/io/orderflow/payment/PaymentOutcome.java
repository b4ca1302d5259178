package io.orderflow.payment;

import io.orderflow.order.Order;

/**
 * What a payment notification came to.
 */
public sealed interface PaymentOutcome {

	/** The payment moved the order to PAID and wrote {@code order.paid}. */
	record Paid(Order order) implements PaymentOutcome {
	}

	/**
	 * The order could not take the money (cancelled first, or already paid by another
	 * transaction): {@code order.refund-requested} was written.
	 */
	record RefundRequested(Order order, String reason) implements PaymentOutcome {
	}

	/** A failed payment, recorded; the order stays payable until its deadline. */
	record FailureRecorded(Order order) implements PaymentOutcome {
	}

	/** The event, or the transaction, was applied before: nothing changed. */
	record AlreadyApplied(String what) implements PaymentOutcome {
	}

	/**
	 * The notification does not match any order: recorded as an anomaly, nothing changed.
	 */
	record Rejected(Anomaly kind, String detail) implements PaymentOutcome {
	}

	enum Anomaly {

		UNKNOWN_ORDER, AMOUNT_MISMATCH,

		/** A callback for an order that costs nothing: no payment was ever asked for. */
		NO_PAYMENT_EXPECTED

	}

}
