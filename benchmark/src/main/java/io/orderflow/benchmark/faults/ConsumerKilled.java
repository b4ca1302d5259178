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
final class ConsumerKilled implements Scenario {

	@Override
	public String id() {
		return "consumer-killed";
	}

	@Override
	public String title() {
		return "One of two consumer instances killed (-9) mid-storm";
	}

	@Override
	public String promise() {
		return "Timers the killed instance held unacknowledged go back to their queue and the survivor applies them: "
				+ "every order cancelled once, a little late rather than lost.";
	}

	@Override
	public String sizes(FaultSettings settings) {
		return "1 order-api + 2 consumers; a storm of " + settings.orders() + " orders due at one instant, placed by "
				+ settings.clients() + " clients; consumer-1 killed 300 ms after the deadline";
	}

	@Override
	public Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(1, 2);
		timeline.note("1 order-api and 2 consumers UP");
		Checkout checkout = new Checkout(stage.token(), apps.subList(0, 1));
		LedgerCheck check = stage.check();
		Instant deadline = Deadlines.stormFor(settings.orders());
		checkout.place(settings.orders(), settings.clients(), Deadlines.at(deadline));
		timeline.note("storm placed, due at " + deadline + ": " + checkout.answers());
		Thread.sleep(Math.max(Duration.between(Instant.now(), deadline).plusMillis(300).toMillis(), 0));
		ServiceApp victim = apps.get(1);
		stage.apps().kill(victim);
		long killed = System.nanoTime();
		timeline.note("killed consumer-1 (SIGKILL, pid " + victim.pid() + "); " + check.overdue()
				+ " orders of the storm still awaiting payment");
		Duration settled = settleStorm(check, killed, deadline.plus(settings.grace()));
		timeline.note("every order of the storm settled " + settled.toMillis() + " ms after the kill");
		check.settle(deadline, settings.grace());
		return check.ledger(checkout.acknowledged(),
				new Ledger.Recovery(settled, "kill until no order of the storm awaited payment"), checkout.answers(),
				List.of(), timeline.entries());
	}

	/** Waits until no order is overdue, at most until {@code giveUp}. */
	static Duration settleStorm(LedgerCheck check, long since, Instant giveUp) throws InterruptedException {
		while (check.overdue() > 0 && Instant.now().isBefore(giveUp)) {
			Thread.sleep(100);
		}
		return Timeline.since(since);
	}

}
