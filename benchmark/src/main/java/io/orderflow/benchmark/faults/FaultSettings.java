package io.orderflow.benchmark.faults;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Sizes of one run of the suite, from the command line.
 *
 * @param orders orders per burst or storm (scenarios api-killed, consumer-killed,
 * cluster-leader-killed)
 * @param timers timers pending in the delay levels while the broker restarts
 * (broker-restarted; the issue asks 100,000)
 * @param paid orders paid at their deadline (paid-at-deadline)
 * @param clients concurrent checkout clients
 * @param rate orders a second of the steady load that runs while a fault comes and goes
 * (postgres-restarted, links-cut): a shop's busy hour, not a saturating benchmark, so
 * that the time to recover measures the fault rather than a backlog of the load
 * @param outage how long PostgreSQL stays down (postgres-restarted)
 * @param grace how long after the last deadline an order may still settle (the sweeper
 * cancels a lost timer's order a minute after its deadline, every 30 s)
 * @param advancedConfig the RabbitMQ nodes' {@code advanced.config}, or {@code null} for
 * RabbitMQ's defaults
 */
record FaultSettings(int orders, int timers, int paid, int clients, int rate, Duration outage, Duration grace,
		@Nullable Path advancedConfig) {

	/** The broker settings the service requires in production. */
	static final Path PRODUCTION_ADVANCED_CONFIG = Path.of("infra/rabbitmq/advanced.config");

	static FaultSettings defaults() {
		return new FaultSettings(1000, 2000, 1000, 8, 50, Duration.ofSeconds(10), Duration.ofSeconds(150),
				PRODUCTION_ADVANCED_CONFIG.toAbsolutePath());
	}

	FaultSettings withOrders(int orders) {
		return new FaultSettings(orders, this.timers, this.paid, this.clients, this.rate, this.outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withTimers(int timers) {
		return new FaultSettings(this.orders, timers, this.paid, this.clients, this.rate, this.outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withPaid(int paid) {
		return new FaultSettings(this.orders, this.timers, paid, this.clients, this.rate, this.outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withClients(int clients) {
		return new FaultSettings(this.orders, this.timers, this.paid, clients, this.rate, this.outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withRate(int rate) {
		return new FaultSettings(this.orders, this.timers, this.paid, this.clients, rate, this.outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withOutage(Duration outage) {
		return new FaultSettings(this.orders, this.timers, this.paid, this.clients, this.rate, outage, this.grace,
				this.advancedConfig);
	}

	FaultSettings withAdvancedConfig(@Nullable Path advancedConfig) {
		return new FaultSettings(this.orders, this.timers, this.paid, this.clients, this.rate, this.outage, this.grace,
				advancedConfig);
	}

}
