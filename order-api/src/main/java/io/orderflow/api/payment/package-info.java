/**
 * Callbacks of the payment gateway, signed with HMAC-SHA256 over the raw body.
 */
@NullMarked
package io.orderflow.api.payment;

import org.jspecify.annotations.NullMarked;
