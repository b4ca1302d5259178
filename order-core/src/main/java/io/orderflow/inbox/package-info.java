/**
 * The inbox: ids of inbound messages already handled, so that a redelivered or duplicated
 * message changes nothing.
 */
@NullMarked
package io.orderflow.inbox;

import org.jspecify.annotations.NullMarked;
