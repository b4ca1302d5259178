package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The timer that ends an unpaid order: published into the delay levels, delivered to the
 * payment-timeout queue at {@code dueAt}.
 */
public record PaymentTimeoutTimer(UUID timerId, String orderNo, Instant dueAt) {
}
