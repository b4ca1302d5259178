package io.orderflow.benchmark.faults;

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
final class PaidAtDeadline extends Scenario {

	PaidAtDeadline() {
		super("paid-at-deadline", "Orders paid at their deadline across 2 order-api and 2 consumer instances",
				"Each order ends in exactly one of PAID or CANCELLED with one event; a payment that loses the race "
						+ "is answered REFUND_REQUESTED, never applied to a cancelled order.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "2 order-api + 2 consumers; " + settings.paid() + " orders due at one instant, each paid once by "
				+ settings.clients() + " gateway clients starting 2 s before the deadline, spread over both APIs";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		Storm storm = Storm.place(stage, 2, 2, settings.paid(), settings, timeline);
		List<ServiceApp> apis = storm.apps().subList(0, 2);
		Checkout checkout = storm.checkout();
		LedgerCheck check = storm.check();
		Instant deadline = storm.deadline();
		List<String> orders = new ArrayList<>(checkout.acknowledged());
		Collections.shuffle(orders);
		Timeline.sleepUntil(deadline.minusSeconds(2));
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
