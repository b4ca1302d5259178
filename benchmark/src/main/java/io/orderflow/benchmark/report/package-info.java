/**
 * Turns the runs' results into {@code docs/benchmarks.md} and its charts.
 */
package io.orderflow.benchmark.report;
