/**
 * Cross-cutting HTTP concerns: problem details (RFC 9457) for every error, and the
 * request body limit.
 */
@NullMarked
package io.orderflow.api.web;

import org.jspecify.annotations.NullMarked;
