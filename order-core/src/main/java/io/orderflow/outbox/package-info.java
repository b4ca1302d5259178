/**
 * The transactional outbox: messages are written in the same database transaction as the
 * change that causes them and published after commit by the {@link OutboxRelay}, which
 * marks them sent only once the broker has confirmed them. A message is therefore
 * published if, and only if, its transaction committed, and never lost while the broker
 * is down.
 */
@NullMarked
package io.orderflow.outbox;

import org.jspecify.annotations.NullMarked;
