/**
 * A comparison of ways to route timers through binary delay levels, run by
 * {@code bin/benchmark --routing}: the measurements behind the service's topology.
 */
package io.orderflow.benchmark.routing;
