/**
 * What the benchmark runs against and observes: the local PostgreSQL and RabbitMQ, the
 * service's two apps started from their jars (with the token key order-api trusts), and
 * the machine itself (CPU, memory, other processes).
 */
package io.orderflow.benchmark.infra;
