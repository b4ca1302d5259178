package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

/**
 * The timer that completes a shipped order nobody confirmed: published into the delay
 * levels, delivered to the auto-completion queue at {@code dueAt}.
 */
public record AutoCompletionTimer(UUID timerId, String orderNo, Instant dueAt) {
}
