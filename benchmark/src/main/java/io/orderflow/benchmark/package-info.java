/**
 * The benchmark behind {@code docs/benchmarks.md}: brings the order service up on the
 * local PostgreSQL and RabbitMQ, measures order creation, timer precision, an expiry
 * storm and the footprint, runs the same timer workloads through simpler designs (a
 * single per-message-TTL queue, database pollers, db-scheduler), and writes the report.
 * Started by {@code bin/benchmark}; not part of the test suite.
 */
package io.orderflow.benchmark;
