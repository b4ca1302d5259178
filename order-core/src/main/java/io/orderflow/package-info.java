/**
 * The shared core of the order service; import
 * {@link io.orderflow.OrderCoreConfiguration}.
 */
@NullMarked
package io.orderflow;

import org.jspecify.annotations.NullMarked;
