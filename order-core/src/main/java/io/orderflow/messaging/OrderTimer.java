package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A timer of an order, as it travels through the delay levels to its queue.
 */
public sealed interface OrderTimer permits PaymentTimeoutTimer, AutoCompletionTimer, PaymentReminderTimer {

	UUID timerId();

	String orderNo();

	/** When it is due; {@code null} in a message that lacks it. */
	@Nullable Instant dueAt();

}
