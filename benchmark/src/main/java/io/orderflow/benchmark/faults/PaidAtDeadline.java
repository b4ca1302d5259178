package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 8: orders paid right at their deadline, across two order-api and two consumer
 * instances: the payment callbacks race the payment timers of both consumers.
 */
final class PaidAtDeadline implements Scenario {

	@Override
	public String id() {
		return "paid-at-deadline";
	}

	@Override
	public String title() {
		return "Orders paid at their deadline across 2 order-api and 2 consumer instances";
	}

	@Override
	public String promise() {
		return "Each order ends in exactly one of PAID or CANCELLED with one event; a payment that loses the race "
				+ "is answered REFUND_REQUESTED, never applied to a cancelled order.";
	}

	@Override
	public String sizes(FaultSettings settings) {
		return "2 order-api + 2 consumers; " + settings.paid() + " orders due at one instant, each paid once by "
				+ settings.clients() + " gateway clients starting 200 ms before the deadline, spread over both APIs";
	}

	@Override
	public Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(2, 2);
		List<ServiceApp> apis = apps.subList(0, 2);
		timeline.note("2 order-api and 2 consumers UP");
		Checkout checkout = new Checkout(stage.token(), apis);
		LedgerCheck check = stage.check();
		Instant deadline = Deadlines.stormFor(settings.paid());
		checkout.place(settings.paid(), settings.clients(), Deadlines.at(deadline));
		timeline.note("orders placed, all due at " + deadline + ": " + checkout.answers());
		List<String> orders = new ArrayList<>(checkout.acknowledged());
		Collections.shuffle(orders);
		Thread.sleep(Math.max(Duration.between(Instant.now(), deadline).minusMillis(200).toMillis(), 0));
		timeline.note("paying");
		Gateway gateway = new Gateway();
		AtomicInteger next = new AtomicInteger();
		List<Thread> payers = new ArrayList<>();
		for (int i = 0; i < settings.clients(); i++) {
			Thread payer = new Thread(() -> {
				int index;
				while ((index = next.getAndIncrement()) < orders.size() && !Thread.currentThread().isInterrupted()) {
					try {
						gateway.pay(apis.get(index % apis.size()), orders.get(index));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}, "gateway-" + i);
			payer.start();
			payers.add(payer);
		}
		for (Thread payer : payers) {
			payer.join();
		}
		timeline.note("every order paid once; callback answers " + gateway.answers());
		check.settle(deadline, settings.grace());
		List<String> violations = new ArrayList<>();
		for (Map.Entry<String, Long> answer : gateway.answers().entrySet()) {
			if (!answer.getKey().equals("200 PAID") && !answer.getKey().equals("200 REFUND_REQUESTED")) {
				violations.add(answer.getValue() + " callbacks answered " + answer.getKey());
			}
		}
		return check.ledger(checkout.acknowledged(), new Ledger.Recovery(null, "no fault to recover from"),
				checkout.answers(), violations, timeline.entries());
	}

}
