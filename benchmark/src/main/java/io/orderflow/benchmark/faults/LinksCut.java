package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 5: each app reaches the broker and PostgreSQL through a {@link Link} of its
 * own; under load, each of the four links is stalled (no byte gets through, connections
 * stay open) and then cut (connections reset, new ones refused), one after the other, for
 * the outage's length each.
 */
final class LinksCut extends Scenario {

	/**
	 * Work left behind: outbox rows unpublished for over a second, and orders awaiting
	 * payment over a second past their deadline.
	 */
	private static final String BACKLOG = """
			SELECT (SELECT count(*) FROM outbox_message
			        WHERE published_at IS NULL AND created_at < now() - interval '1 second')
			     + (SELECT count(*) FROM orders
			        WHERE status = 'PENDING_PAYMENT' AND payment_deadline < now() - interval '1 second')
			""";

	private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

	LinksCut() {
		super("links-cut", "Stalled and cut links from each app to the broker and to PostgreSQL under load",
				"While a link is stalled or cut, callers get 201 (the outbox holds what cannot be published) or 503 "
						+ "with Retry-After, never 500; nothing acknowledged is lost; each app reconnects by itself "
						+ "once the link is back and the relay and the timers catch up.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "1 order-api + 1 consumer, each through its own links; " + settings.clients() + " clients placing "
				+ settings.rate() + " orders a second, due 5-20 s later; each of the 4 links stalled, then cut, for "
				+ settings.outage().toSeconds() + " s each, one after the other, each followed by up to "
				+ RECOVERY_LIMIT.toSeconds() + " s of recovery";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		int postgres = stage.server().port();
		int broker = stage.brokers().get(0).port();
		try (Link apiDatabase = Link.to("order-api - PostgreSQL", postgres);
				Link apiBroker = Link.to("order-api - broker", broker);
				Link consumerDatabase = Link.to("consumer - PostgreSQL", postgres);
				Link consumerBroker = Link.to("consumer - broker", broker)) {
			List<ServiceApp> apps = stage.start(List.of(stage.through(apiDatabase, apiBroker)),
					List.of(stage.through(consumerDatabase, consumerBroker)), timeline);
			Checkout checkout = stage.checkout(apps, 1);
			LedgerCheck check = stage.check();
			AtomicBoolean done = new AtomicBoolean();
			Thread load = checkout.startSteadyLoad(done::get, settings.clients(), settings.rate(), timeline);
			Duration worst = Duration.ZERO;
			List<String> violations = new ArrayList<>();
			try {
				for (Link link : List.of(apiDatabase, apiBroker, consumerBroker, consumerDatabase)) {
					for (Link.State fault : List.of(Link.State.STALLED, Link.State.CUT)) {
						if (fault == Link.State.STALLED) {
							link.stall();
						}
						else {
							link.cut();
						}
						Thread.sleep(settings.outage().toMillis());
						link.heal();
						long healed = System.nanoTime();
						Duration recovered = recover(check, healed);
						String what = link.name() + " " + fault.name().toLowerCase();
						if (recovered == null) {
							violations
								.add(what + ": still behind " + RECOVERY_LIMIT.toSeconds() + " s after it healed");
							timeline
								.note(what + " for " + settings.outage().toSeconds() + " s; healed, still behind after "
										+ RECOVERY_LIMIT.toSeconds() + " s: " + checkout.answers());
						}
						else {
							worst = (recovered.compareTo(worst) > 0) ? recovered : worst;
							timeline.note(what + " for " + settings.outage().toSeconds() + " s; caught up "
									+ recovered.toMillis() + " ms after it healed: " + checkout.answers());
						}
					}
				}
			}
			finally {
				// also when the scenario fails: no load left running into the next one
				done.set(true);
			}
			load.join();
			timeline.note("load stopped: " + checkout.answers() + "; first failures: " + checkout.firstFailures());
			check.settle(Instant.now().plusSeconds(20), settings.grace());
			timeline.note("settled");
			violations.addAll(checkout.answersBesidesCreatedOrRetryLater());
			return check.ledger(checkout.acknowledged(),
					new Ledger.Recovery(worst,
							"worst link: healed until no outbox row and no timer was more than 1 s behind"),
					checkout.answers(), violations, timeline.entries());
		}
	}

	/**
	 * Waits until nothing is more than a second behind, at most {@link #RECOVERY_LIMIT}.
	 * @return the time since {@code healed}, or {@code null} if it was still behind
	 */
	private static @Nullable Duration recover(LedgerCheck check, long healed) throws InterruptedException {
		while (check.jdbc().sql(BACKLOG).query(Long.class).single() > 0) {
			if (Timeline.since(healed).compareTo(RECOVERY_LIMIT) > 0) {
				return null;
			}
			Thread.sleep(100);
		}
		return Timeline.since(healed);
	}

}
