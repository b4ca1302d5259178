package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The timer that reminds the customer of an unpaid order before its payment deadline:
 * published into the delay levels, delivered to the payment-reminder queue shortly before
 * {@code dueAt}.
 */
public record PaymentReminderTimer(UUID timerId, String orderNo, @Nullable Instant dueAt) implements OrderTimer {
}
