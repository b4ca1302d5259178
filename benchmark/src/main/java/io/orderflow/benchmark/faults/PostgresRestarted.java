package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 6: PostgreSQL is stopped ({@code pg_ctl stop -m fast}) while the checkout
 * places orders and timers fall due, stays down for the outage, and is started again.
 */
final class PostgresRestarted extends Scenario {

	PostgresRestarted() {
		super("postgres-restarted", "PostgreSQL restarted under load",
				"While the database is down, callers get 503 with Retry-After, never 500 and never a dropped "
						+ "connection; nothing acknowledged is lost; the relay and the timers resume by themselves.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "1 order-api + 1 consumer; " + settings.clients() + " clients placing " + settings.rate()
				+ " orders a second, due 5-20 s later, for " + "10 s, PostgreSQL down for "
				+ settings.outage().toSeconds() + " s, then 20 s more load";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(1, 1, timeline);
		Checkout checkout = stage.checkout(apps, 1);
		LedgerCheck check = stage.check();
		AtomicBoolean done = new AtomicBoolean();
		Thread load = checkout.startSteadyLoad(done::get, settings.clients(), settings.rate(), timeline);
		long back;
		try {
			stage.server().stop();
			timeline.note("PostgreSQL stopped (pg_ctl stop -m fast)");
			Thread.sleep(settings.outage().toMillis());
			stage.server().start();
			back = System.nanoTime();
			timeline.note("PostgreSQL started again: " + checkout.answers());
			Thread.sleep(20_000);
		}
		finally {
			// also when the scenario fails: no load left running into the next one
			done.set(true);
		}
		load.join();
		Instant lastDeadline = Instant.now().plusSeconds(20);
		long lastFailure = checkout.lastFailureNanos();
		Duration recovered = (lastFailure > back) ? Duration.ofNanos(lastFailure - back) : Duration.ZERO;
		timeline.note("load stopped: " + checkout.answers() + "; first failures: " + checkout.firstFailures());
		check.settle(lastDeadline, settings.grace());
		timeline.note("settled");
		return check.ledger(checkout.acknowledged(),
				new Ledger.Recovery(recovered, "PostgreSQL back until the API's last failed answer"),
				checkout.answers(), checkout.answersBesidesCreatedOrRetryLater(), timeline.entries());
	}

}
