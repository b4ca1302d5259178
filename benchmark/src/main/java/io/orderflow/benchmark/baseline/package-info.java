/**
 * The simpler timer designs the service is compared with, each on a database of its own
 * with a table of orders of its own, and cancelling with the service's guard.
 */
package io.orderflow.benchmark.baseline;
