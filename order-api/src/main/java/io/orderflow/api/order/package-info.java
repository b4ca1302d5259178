/**
 * Placing, reading and cancelling orders over HTTP, with idempotent order placement.
 */
@NullMarked
package io.orderflow.api.order;

import org.jspecify.annotations.NullMarked;
