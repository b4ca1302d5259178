/**
 * Where order-api spends its CPU while it creates orders: a JFR recording taken during
 * the create-throughput window, reduced to the hottest frames.
 */
package io.orderflow.benchmark.profile;
