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
 * @param outage how long PostgreSQL stays down (postgres-restarted)
 * @param grace how long after the last deadline an order may still settle (the sweeper
 * cancels a lost timer's order a minute after its deadline, every 30 s)
 * @param advancedConfig the RabbitMQ nodes' {@code advanced.config}, or {@code null} for
 * RabbitMQ's defaults
 */
record FaultSettings(int orders, int timers, int paid, int clients, Duration outage, Duration grace,
		@Nullable Path advancedConfig) {

	static FaultSettings defaults() {
		return new FaultSettings(1000, 2000, 1000, 8, Duration.ofSeconds(10), Duration.ofSeconds(150), null);
	}

}
