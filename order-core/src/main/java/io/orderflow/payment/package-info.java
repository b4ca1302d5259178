/**
 * Payments reported by the payment gateway: applied at most once per event and per
 * transaction, racing the payment timeout safely. A payment that loses the race (the
 * order was cancelled first) is never applied: it is refunded.
 */
@NullMarked
package io.orderflow.payment;

import org.jspecify.annotations.NullMarked;
