/**
 * The order aggregate, its states and the transitions between them.
 *
 * <p>
 * Every transition is one guarded SQL update
 * ({@code ... WHERE status = 'PENDING_PAYMENT'}) that writes its event to the outbox in
 * the same transaction, so two racing transitions (customer cancel, payment timeout,
 * payment) can never both win.
 */
@NullMarked
package io.orderflow.order;

import org.jspecify.annotations.NullMarked;
