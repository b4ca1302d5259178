package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 2: two consumer instances share a storm of payment timers all due at the same
 * instant; one of them is killed with SIGKILL right after the storm began, holding the
 * timers it had taken and not yet applied. The broker gives them to the survivor.
 */
final class ConsumerKilled extends Scenario {

	ConsumerKilled() {
		super("consumer-killed", "One of two consumer instances killed (-9) mid-storm",
				"Timers the killed instance held unacknowledged go back to their queue and the survivor applies them: "
						+ "every order cancelled once, a little late rather than lost.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "1 order-api + 2 consumers; a storm of " + settings.orders() + " orders due at one instant, placed by "
				+ settings.clients() + " clients; consumer-1 killed 300 ms after the deadline";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		Storm storm = Storm.place(stage, 1, 2, settings.orders(), settings, timeline);
		Checkout checkout = storm.checkout();
		LedgerCheck check = storm.check();
		Instant deadline = storm.deadline();
		Timeline.sleepUntil(deadline.plusMillis(300));
		ServiceApp victim = storm.apps().get(1);
		stage.apps().kill(victim);
		long killed = System.nanoTime();
		timeline.note("killed consumer-1 (SIGKILL, pid " + victim.pid() + "); " + check.overdue()
				+ " orders of the storm still awaiting payment");
		Duration settled = settleStorm(check, killed, deadline, settings.grace());
		timeline.note("every order of the storm settled " + settled.toMillis() + " ms after the kill");
		check.settle(deadline, settings.grace());
		return check.ledger(checkout.acknowledged(),
				new Ledger.Recovery(settled, "kill until no order of the storm awaited payment"), checkout.answers(),
				List.of(), timeline.entries());
	}

	/**
	 * Waits until the storm's deadline has passed and then until no order is overdue, at
	 * most {@code grace} after the deadline.
	 * @return the time since {@code since}
	 */
	static Duration settleStorm(LedgerCheck check, long since, Instant deadline, Duration grace)
			throws InterruptedException {
		Timeline.sleepUntil(deadline.plusMillis(100));
		while (check.overdue() > 0 && Instant.now().isBefore(deadline.plus(grace))) {
			Thread.sleep(100);
		}
		return Timeline.since(since);
	}

}
