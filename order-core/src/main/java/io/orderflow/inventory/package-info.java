/**
 * What the inventory service answers to {@code order.created}: a reservation confirmed is
 * recorded on the order, a reservation rejected cancels the order (and refunds it if it
 * was paid meanwhile).
 */
@NullMarked
package io.orderflow.inventory;

import org.jspecify.annotations.NullMarked;
