package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.benchmark.faults.Gateway.Callback;
import io.orderflow.benchmark.faults.Inventory.Answer;
import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 9: while orders fall due, the payment gateway and inventory answer them the
 * way at-least-once senders do: every message sent two or three times, in no particular
 * order, through either order-api instance or to either consumer, some orders paid twice
 * (two transactions), some failed payments, some conflicting inventory answers, and many
 * answers arriving after the order timed out.
 */
final class DuplicatedAnswers extends Scenario {

	/** How long after the last deadline the gateway and inventory go on answering. */
	private static final Duration LATE_ANSWERS = Duration.ofSeconds(5);

	/** The spread of the orders' deadlines. */
	private static final Duration DEADLINES = Duration.ofSeconds(10);

	private static final String PAYMENTS_OF_ORDERS = """
			SELECT o.order_no, o.status, o.inventory_status,
			       count(p.transaction_id) FILTER (WHERE p.outcome = 'PAID_ORDER') AS kept,
			       count(p.transaction_id) FILTER (WHERE p.outcome = 'REFUND_REQUESTED') AS refunded,
			       count(p.transaction_id) FILTER (WHERE p.outcome IS NULL) AS undecided,
			       (SELECT count(*) FROM outbox_message m
			        WHERE m.kind = 'EVENT' AND m.destination = 'order.refund-requested'
			          AND m.payload::json->>'orderNo' = o.order_no) AS refund_events
			FROM orders o
			LEFT JOIN payment p ON p.order_no = o.order_no
			GROUP BY o.order_no, o.status, o.inventory_status
			""";

	private static final String REFUNDS_BY_REASON = """
			SELECT m.payload::json->>'reason' AS reason, count(*) AS refunds
			FROM outbox_message m
			WHERE m.kind = 'EVENT' AND m.destination = 'order.refund-requested'
			GROUP BY 1
			""";

	DuplicatedAnswers() {
		super("duplicated-answers", "Duplicated and reordered gateway callbacks and inventory answers under load",
				"Each order ends in one terminal state with one event per transition; a repeated callback or answer "
						+ "changes nothing; a payment the order cannot keep (paid twice, paid after it was cancelled "
						+ "or ran out of stock) is refunded exactly once, and no kept payment is refunded.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "2 order-api + 2 consumers; " + settings.orders() + " orders due over " + DEADLINES.toSeconds()
				+ " s, placed by " + settings.clients() + " clients; then, until " + LATE_ANSWERS.toSeconds()
				+ " s after the last deadline, from " + settings.clients() + " senders in random order: a payment "
				+ "for 70 % of the orders (sent 2-3 times), a second payment for 20 %, a failed payment for 20 %, an "
				+ "inventory answer for 60 % (a quarter out of stock; sent twice) and conflicting answers for 10 %";
	}

	@Override
	Map<String, String> settings() {
		return Map.of("ORDER_INVENTORY_BROKERUSER", Inventory.BROKER_USER);
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		List<ServiceApp> apps = stage.start(2, 2, timeline);
		List<ServiceApp> apis = apps.subList(0, 2);
		Checkout checkout = stage.checkout(apps, 2);
		LedgerCheck check = stage.check();
		Instant lastDeadline = checkout.placeSpread(settings.orders(), settings.clients(), DEADLINES, timeline);
		List<Delivery> deliveries = plan(checkout.acknowledged(),
				Deadlines.between(Instant.now(), lastDeadline.plus(LATE_ANSWERS)));
		Gateway gateway = new Gateway();
		Set<String> acceptedTransactions = ConcurrentHashMap.newKeySet();
		Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
		try (Inventory inventory = Inventory.connect(stage)) {
			timeline.note("sending " + deliveries.size() + " callbacks and inventory answers");
			send(deliveries, settings.clients(), (delivery, turn) -> {
				Callback callback = delivery.callback();
				Answer answer = delivery.answer();
				if (callback != null) {
					String kind = gateway.report(apis.get(turn % apis.size()), callback);
					if (kind.startsWith("200 ") && callback.type().equals("payment.succeeded")) {
						acceptedTransactions.add(callback.transactionId());
					}
				}
				else if (answer != null) {
					inventory.publish(answer);
				}
			}, failures);
			timeline.note("sent; callback answers " + gateway.answers() + ", " + inventory.published()
					+ " inventory answers confirmed by the broker");
		}
		check.settle(lastDeadline, settings.grace());
		List<String> violations = new ArrayList<>();
		failures.forEach((what, count) -> violations.add(count + " deliveries failed: " + what));
		gateway.answers().forEach((kind, count) -> {
			if (!kind.startsWith("200 ")) {
				violations.add(count + " callbacks answered " + kind);
			}
		});
		violations.addAll(checkPayments(stage, deliveries, acceptedTransactions, timeline));
		return check.ledger(checkout.acknowledged(), new Ledger.Recovery(null, "no fault to recover from"),
				checkout.answers(), violations, timeline.entries());
	}

	/** What each order is sent, each at a random instant {@code at} gives. */
	private static List<Delivery> plan(List<String> orders, Supplier<Instant> at) {
		Random random = new Random();
		List<Delivery> deliveries = new ArrayList<>();
		for (String orderNo : orders) {
			if (random.nextDouble() < 0.7) {
				Callback paid = new Callback("evt-" + orderNo, "payment.succeeded", orderNo, "txn-" + orderNo);
				repeat(deliveries, 2 + random.nextInt(2), at, paid, null);
			}
			if (random.nextDouble() < 0.2) {
				Callback paidAgain = new Callback("evt2-" + orderNo, "payment.succeeded", orderNo, "txn2-" + orderNo);
				repeat(deliveries, 2, at, paidAgain, null);
			}
			if (random.nextDouble() < 0.2) {
				Callback failed = new Callback("evtf-" + orderNo, "payment.failed", orderNo, "txnf-" + orderNo);
				repeat(deliveries, 1 + random.nextInt(2), at, failed, null);
			}
			double inventory = random.nextDouble();
			if (inventory < 0.1) {
				repeat(deliveries, 2, at, null, new Answer("inv-ok-" + orderNo, orderNo, false));
				repeat(deliveries, 2, at, null, new Answer("inv-out-" + orderNo, orderNo, true));
			}
			else if (inventory < 0.7) {
				boolean rejected = random.nextDouble() < 0.25;
				repeat(deliveries, 2, at, null,
						new Answer((rejected ? "inv-out-" : "inv-ok-") + orderNo, orderNo, rejected));
			}
		}
		deliveries.sort(Comparator.comparing(Delivery::at));
		return deliveries;
	}

	private static void repeat(List<Delivery> deliveries, int times, Supplier<Instant> at, @Nullable Callback callback,
			@Nullable Answer answer) {
		for (int i = 0; i < times; i++) {
			deliveries.add(new Delivery(at.get(), callback, answer));
		}
	}

	/**
	 * Sends {@code deliveries} (sorted by instant) from {@code senders} threads, each
	 * when its instant comes; concurrent senders reorder those due close together.
	 */
	private static void send(List<Delivery> deliveries, int senders, Sender sender, Map<String, AtomicLong> failures)
			throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < senders; i++) {
			Thread thread = new Thread(() -> {
				int index;
				while ((index = next.getAndIncrement()) < deliveries.size()
						&& !Thread.currentThread().isInterrupted()) {
					Delivery delivery = deliveries.get(index);
					try {
						Timeline.sleepUntil(delivery.at());
						sender.send(delivery, index);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
					catch (Exception ex) {
						failures.computeIfAbsent(ex.toString(), (key) -> new AtomicLong()).incrementAndGet();
					}
				}
			}, "answers-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	/**
	 * Every payment accepted is recorded, kept by a paid order or refunded once, with one
	 * {@code order.refund-requested} per refund; an order inventory rejected is
	 * cancelled, one it only reserved is recorded reserved.
	 */
	private static List<String> checkPayments(Stage stage, List<Delivery> deliveries, Set<String> accepted,
			Timeline timeline) {
		JdbcClient jdbc = stage.check().jdbc();
		Set<String> rejected = new HashSet<>();
		Set<String> reserved = new HashSet<>();
		for (Delivery delivery : deliveries) {
			Answer answer = delivery.answer();
			if (answer != null) {
				(answer.rejected() ? rejected : reserved).add(answer.orderNo());
			}
		}
		reserved.removeAll(rejected);
		Map<String, Long> problems = new TreeMap<>();
		Map<String, Long> statuses = new TreeMap<>();
		jdbc.sql(PAYMENTS_OF_ORDERS).query((rs) -> {
			String orderNo = rs.getString("order_no");
			String status = rs.getString("status");
			long kept = rs.getLong("kept");
			long refunded = rs.getLong("refunded");
			statuses.merge(status + " keeping " + kept + " payment(s), " + refunded + " refunded", 1L, Long::sum);
			if (status.equals("PAID") && kept != 1) {
				problems.merge("paid orders that keep " + kept + " payments", 1L, Long::sum);
			}
			if (status.equals("CANCELLED") && kept != 0) {
				problems.merge("cancelled orders that keep a payment (not refunded)", 1L, Long::sum);
			}
			if (rs.getLong("undecided") > 0) {
				problems.merge("orders with a payment neither kept nor refunded", 1L, Long::sum);
			}
			if (rs.getLong("refund_events") != refunded) {
				problems.merge("orders whose order.refund-requested events do not match their refunded payments", 1L,
						Long::sum);
			}
			if (rejected.contains(orderNo) && !status.equals("CANCELLED")) {
				problems.merge("orders out of stock but " + status, 1L, Long::sum);
			}
			if (reserved.contains(orderNo) && !"RESERVED".equals(rs.getString("inventory_status"))) {
				problems.merge("orders reserved but recorded " + rs.getString("inventory_status"), 1L, Long::sum);
			}
		});
		Set<String> recorded = Set.copyOf(jdbc.sql("SELECT transaction_id FROM payment").query(String.class).list());
		long unrecorded = accepted.stream().filter((transaction) -> !recorded.contains(transaction)).count();
		if (unrecorded > 0) {
			problems.put("payments answered 200 but not recorded", unrecorded);
		}
		Map<String, Long> refunds = new TreeMap<>();
		jdbc.sql(REFUNDS_BY_REASON).query((rs) -> {
			refunds.put(rs.getString("reason"), rs.getLong("refunds"));
		});
		timeline.note("orders by outcome: " + statuses);
		timeline.note("refunds by reason: " + refunds + "; " + accepted.size() + " transactions accepted, "
				+ rejected.size() + " orders answered out of stock, " + reserved.size() + " only reserved");
		return problems.entrySet().stream().map((problem) -> problem.getValue() + " " + problem.getKey()).toList();
	}

	/** One callback or one inventory answer, and when to send it. */
	private record Delivery(Instant at, @Nullable Callback callback, @Nullable Answer answer) {
	}

	@FunctionalInterface
	private interface Sender {

		/**
		 * @param turn which sender's turn it is, to spread callbacks over the APIs
		 */
		void send(Delivery delivery, int turn) throws Exception;

	}

}
