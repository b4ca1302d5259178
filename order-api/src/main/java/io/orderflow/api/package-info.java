/**
 * The HTTP API of the order service, for the checkout frontend.
 */
@NullMarked
package io.orderflow.api;

import org.jspecify.annotations.NullMarked;
