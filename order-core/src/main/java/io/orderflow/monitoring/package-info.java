/**
 * What the apps tell Prometheus about themselves beyond their own counters: whether they
 * reach the database and the broker, as a gauge an alert can use.
 */
@NullMarked
package io.orderflow.monitoring;

import org.jspecify.annotations.NullMarked;
