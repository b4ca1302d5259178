/**
 * The load put on the service and the baselines, and the probes that read what came of it
 * from their databases. The service's orders are placed by its own code: through its API,
 * or through its {@code OrderPlacement} in the benchmark's JVM; nothing here writes the
 * service's tables itself.
 */
package io.orderflow.benchmark.workload;
