package io.orderflow.order;

import java.time.Instant;

/**
 * When and by whom a shipped order was completed.
 */
public record Completion(Instant completedAt, CompletedBy completedBy) {

	public enum CompletedBy {

		/** The customer confirmed receipt. */
		CUSTOMER,

		/** Nobody confirmed before the auto-completion timer fired. */
		AUTO

	}

}
