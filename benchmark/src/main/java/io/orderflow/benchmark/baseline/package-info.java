/**
 * The simpler timer designs the service is compared with, each on a database of its own
 * and cancelling with the same guarded update.
 */
package io.orderflow.benchmark.baseline;
