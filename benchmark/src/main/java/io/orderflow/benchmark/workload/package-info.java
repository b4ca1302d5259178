/**
 * The load put on the service and the baselines, and the probes that read what came of it
 * from their databases.
 */
package io.orderflow.benchmark.workload;
