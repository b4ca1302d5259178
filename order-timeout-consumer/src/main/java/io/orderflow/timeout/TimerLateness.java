package io.orderflow.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.Topology;

/**
 * {@code order.timer.lateness}, tag {@code timer}: how long after its deadline a timer's
 * transition committed (deadline to cancel, auto-completion or reminder, commit), as a
 * histogram whose buckets are the service levels an on-call engineer asks about. Only
 * timers that changed their order are measured; every timer's series exists from the
 * start, so that a rate over them is defined before the first timer fires.
 */
@Component
class TimerLateness {

	private final Map<String, Timer> timers;

	private final Clock clock;

	TimerLateness(MeterRegistry meters, Clock clock) {
		this.clock = clock;
		this.timers = Topology.TIMERS.stream()
			.collect(Collectors.toUnmodifiableMap(Function.identity(), (timer) -> register(meters, timer)));
	}

	/** A timer's transition committed just now; {@code due} is when it was due. */
	void committed(String timer, Instant due) {
		Duration late = Duration.between(due, this.clock.instant());
		this.timers.get(timer).record(late.isNegative() ? Duration.ZERO : late);
	}

	private static Timer register(MeterRegistry meters, String timer) {
		return Timer.builder("order.timer.lateness")
			.description("From a timer's deadline to the commit of the transition it caused")
			.tag("timer", timer)
			.serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
					Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5))
			.register(meters);
	}

}
