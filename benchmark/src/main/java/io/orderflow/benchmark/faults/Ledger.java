package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What became of one scenario's orders and events, Jepsen style: every acknowledged order
 * accounted for, every transition's event counted on the wire.
 *
 * @param acknowledged orders answered {@code 201}
 * @param lost acknowledged orders the database does not have
 * @param pendingOverdue orders still awaiting payment after their deadline and the
 * scenario's grace
 * @param doubleChanges orders that made one transition twice (two events of one kind
 * written), or were both paid and cancelled for non-payment
 * @param events per event type: written by the service (its outbox), missing on the wire
 * (written but never received, or a transition without its event), received more than
 * once
 * @param timers payment timers that cancelled an order, and their lateness
 * @param recovery how long the service took to recover from the fault, and what that
 * figure measures
 * @param answers HTTP answers to the checkout by kind
 * @param violations further broken promises of the scenario (a {@code 500}, a {@code 503}
 * without {@code Retry-After} ...)
 * @param notes the scenario's timeline and figures worth knowing
 */
record Ledger(long acknowledged, long lost, long pendingOverdue, long doubleChanges, Map<String, EventCount> events,
		Timers timers, Recovery recovery, Map<String, Long> answers, List<String> violations, List<String> notes) {

	long missingEvents() {
		return this.events.values().stream().mapToLong(EventCount::missing).sum();
	}

	long duplicatedEvents() {
		return this.events.values().stream().mapToLong(EventCount::duplicated).sum();
	}

	/** The scenario's verdict: nothing lost, nothing done twice, no event missing. */
	boolean passed() {
		return this.lost == 0 && this.doubleChanges == 0 && missingEvents() == 0 && this.pendingOverdue == 0
				&& this.violations.isEmpty();
	}

	/** The same ledger with {@code more} violations. */
	Ledger violating(List<String> more) {
		List<String> all = new ArrayList<>(this.violations);
		all.addAll(more);
		return new Ledger(this.acknowledged, this.lost, this.pendingOverdue, this.doubleChanges, this.events,
				this.timers, this.recovery, this.answers, all, this.notes);
	}

	/** The same ledger with its timers measured otherwise. */
	Ledger withTimers(Timers timers) {
		return new Ledger(this.acknowledged, this.lost, this.pendingOverdue, this.doubleChanges, this.events, timers,
				this.recovery, this.answers, this.violations, this.notes);
	}

	record EventCount(long written, long missing, long duplicated) {
	}

	/**
	 * @param fired payment timers that cancelled their order
	 * @param lateOverSecond cancelled more than 1 s after the deadline
	 * @param lateOverMinute cancelled more than 60 s after the deadline
	 * @param early cancelled before the deadline (by the database's clock)
	 * @param maxLateness the latest cancellation after its deadline
	 */
	record Timers(long fired, long lateOverSecond, long lateOverMinute, long early, Duration maxLateness) {
	}

	/**
	 * @param time the figure, or {@code null} when it does not apply
	 * @param what what it measures
	 */
	record Recovery(@Nullable Duration time, String what) {
	}

}
