package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The timer that ends an unpaid order: published into the delay levels, delivered to the
 * payment-timeout queue shortly before {@code dueAt}.
 */
public record PaymentTimeoutTimer(UUID timerId, String orderNo, @Nullable Instant dueAt) implements OrderTimer {
}
