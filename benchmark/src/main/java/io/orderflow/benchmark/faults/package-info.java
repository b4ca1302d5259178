/**
 * The fault suite ({@code bin/faults}): starts the service's apps as real processes, with
 * a PostgreSQL and RabbitMQ nodes of its own, injects faults into whole processes and
 * nodes while orders flow, and keeps a ledger of what became of every acknowledged order
 * and every event; writes {@code docs/reliability.md}.
 */
@NullMarked
package io.orderflow.benchmark.faults;

import org.jspecify.annotations.NullMarked;
