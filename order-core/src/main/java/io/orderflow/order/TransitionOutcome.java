package io.orderflow.order;

/**
 * What an attempt to move an order along its life came to. Only {@link Applied} changed
 * anything.
 */
public sealed interface TransitionOutcome {

	/** The order moved and its event was written. */
	record Applied(Order order) implements TransitionOutcome {
	}

	/** The order's status does not allow the transition: nothing changed. */
	record NotAllowed(Order order) implements TransitionOutcome {
	}

	/**
	 * The order is no longer at the version the caller expected ({@code If-Match}):
	 * nothing changed.
	 */
	record Stale(Order order) implements TransitionOutcome {
	}

	/** A timer arrived before its time; a new one was scheduled. */
	record Rescheduled(Order order) implements TransitionOutcome {
	}

	/** There is no such order. */
	record UnknownOrder(String orderNo) implements TransitionOutcome {
	}

}
