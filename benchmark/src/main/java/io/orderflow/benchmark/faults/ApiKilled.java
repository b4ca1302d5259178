package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 1: two order-api instances take a burst of orders; halfway through one is
 * killed with SIGKILL, with orders committed whose outbox rows it had not published yet.
 * The checkout carries on against the survivor, the killed instance is started again.
 */
final class ApiKilled extends Scenario {

	ApiKilled() {
		super("api-killed", "An order-api instance killed (-9) mid-burst, between commit and publish",
				"Every order answered 201 exists and its event and payment timer are published by the relay of "
						+ "another instance (any instance relays any committed row); requests in flight on the killed "
						+ "instance get no answer and are not acknowledged.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "2 order-api + 1 consumer; " + settings.orders() + " orders from " + settings.clients()
				+ " clients, due 20-40 s after placing; api-1 killed after half were acknowledged";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(2, 1, timeline);
		ServiceApp victim = apps.get(0);
		Checkout checkout = stage.checkout(apps, 2);
		LedgerCheck check = stage.check();
		Thread killer = new Thread(() -> {
			try {
				while (checkout.count("201") < settings.orders() / 2) {
					Thread.sleep(20);
				}
				stage.apps().kill(victim);
				checkout.withdraw(victim);
				long unpublished = check.unpublished();
				timeline.note("killed api-1 (SIGKILL, pid " + victim.pid() + ") after " + checkout.count("201")
						+ " orders acknowledged; " + unpublished + " outbox rows unpublished at that moment");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "api-killer");
		killer.start();
		Instant placing = Instant.now();
		checkout.place(settings.orders(), settings.clients(),
				Deadlines.after(Duration.ofSeconds(20), Duration.ofSeconds(40)));
		killer.join();
		long killedAt = System.nanoTime();
		timeline.note(
				"burst done in " + Duration.between(placing, Instant.now()).toMillis() + " ms: " + checkout.answers());
		while (check.unpublished() > 0) {
			Thread.sleep(100);
		}
		Duration relayed = Timeline.since(killedAt);
		timeline.note("every outbox row published " + relayed.toMillis() + " ms after the burst ended");
		ServiceApp restarted = stage.startApi("api-1-restarted");
		timeline.note("api-1 started again, UP after " + restarted.startup().toMillis() + " ms");
		Duration waited = check.settle(Instant.now().plusSeconds(40), settings.grace());
		timeline.note("settled after " + waited.toSeconds() + " s more");
		return check.ledger(checkout.acknowledged(),
				new Ledger.Recovery(relayed, "end of the burst until every committed outbox row was published"),
				checkout.answers(), List.of(), timeline.entries());
	}

}
