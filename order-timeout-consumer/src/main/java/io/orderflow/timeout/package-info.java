/**
 * The timeout consumer: takes payment timers from their queue once their delay is over
 * and cancels the orders that are still unpaid.
 */
@NullMarked
package io.orderflow.timeout;

import org.jspecify.annotations.NullMarked;
