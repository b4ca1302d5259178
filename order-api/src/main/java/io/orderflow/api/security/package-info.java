/**
 * Who may do what: bearer JWTs from the identity provider, the scopes each caller holds,
 * and the customer a token acts for. Payment callbacks are authenticated by their HMAC
 * signature instead, and the actuator lives on the management port.
 */
@NullMarked
package io.orderflow.api.security;

import org.jspecify.annotations.NullMarked;
