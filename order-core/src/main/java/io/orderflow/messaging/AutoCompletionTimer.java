package io.orderflow.messaging;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The timer that completes a shipped order nobody confirmed: published into the delay
 * levels, delivered to the auto-completion queue shortly before {@code dueAt}.
 */
public record AutoCompletionTimer(UUID timerId, String orderNo, @Nullable Instant dueAt) implements OrderTimer {
}
