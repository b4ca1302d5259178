package io.orderflow.benchmark;

import java.time.Duration;

/**
 * Sizes and durations of one benchmark invocation.
 *
 * @param smoke whether these are the shortened smoke settings
 * @param runs repetitions of the whole benchmark; figures are medians over them
 * @param clients concurrent HTTP clients creating orders, and JDBC clients replaying the
 * create transaction
 * @param warmUp creation load before the measured throughput window (not counted): long
 * enough for the JIT compilers to have done most of their work
 * @param throughputDuration measured create-throughput window
 * @param profileDuration creation load under JFR at the end of a run, for order-api's CPU
 * profile
 * @param ceilingDuration how long the create transaction is replayed directly
 * @param pendingTarget pending orders (timers) each design holds in the precision
 * workload
 * @param dueFraction share of the pending orders due within the run
 * @param dueFrom earliest due deadline, after the precision window opens
 * @param dueTo latest due deadline, after the precision window opens
 * @param grace how long after the last due deadline timers may still fire before the rest
 * count as not fired (precision and burst)
 * @param burstSize orders of the burst
 * @param burstTimeoutFrom shortest payment timeout in the burst
 * @param burstTimeoutTo longest payment timeout in the burst
 * @param stormSize orders due in the same second in the expiry storm
 * @param deadLetterMessages messages in the broker's own dead-letter measurement
 * @param stormTimeout how long a storm may take before it counts as incomplete
 * @param outageTimers timers per design that fall due while its consumer is stopped
 * @param consumerDowntime how long the consumers are stopped
 * @param outageObservation how long after the restart a timer may still fire before it
 * counts as lost
 */
public record Settings(boolean smoke, int runs, int clients, Duration warmUp, Duration throughputDuration,
		Duration profileDuration, Duration ceilingDuration, int pendingTarget, double dueFraction, Duration dueFrom,
		Duration dueTo, Duration grace, int burstSize, Duration burstTimeoutFrom, Duration burstTimeoutTo,
		int stormSize, int deadLetterMessages, Duration stormTimeout, int outageTimers, Duration consumerDowntime,
		Duration outageObservation) {

	static Settings full(int runs) {
		return new Settings(false, runs, 16, Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(20),
				Duration.ofSeconds(20), 100_000, 0.02, Duration.ofSeconds(5), Duration.ofSeconds(90),
				Duration.ofSeconds(15), 5_000, Duration.ofSeconds(3), Duration.ofSeconds(60), 50_000, 50_000,
				Duration.ofSeconds(240), 1_000, Duration.ofSeconds(10), Duration.ofSeconds(60));
	}

	/** Shortened workloads: a check that everything works, in a few minutes. */
	static Settings smoke(int runs) {
		return new Settings(true, runs, 16, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5),
				Duration.ofSeconds(5), 5_000, 0.02, Duration.ofSeconds(5), Duration.ofSeconds(30),
				Duration.ofSeconds(15), 500, Duration.ofSeconds(3), Duration.ofSeconds(20), 2_000, 2_000,
				Duration.ofSeconds(120), 200, Duration.ofSeconds(10), Duration.ofSeconds(30));
	}

	public int dueCount() {
		return (int) Math.round(this.pendingTarget * this.dueFraction);
	}

	/** The command line that reproduces these settings. */
	public String command() {
		StringBuilder command = new StringBuilder("bin/benchmark");
		if (this.smoke) {
			command.append(" --smoke");
		}
		if (this.runs != (this.smoke ? 1 : 3)) {
			command.append(" --runs ").append(this.runs);
		}
		return command.toString();
	}

}
