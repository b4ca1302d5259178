package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.benchmark.faults.Ledger.EventCount;
import io.orderflow.benchmark.faults.Ledger.Recovery;
import io.orderflow.benchmark.faults.Ledger.Timers;

/**
 * Reads a scenario's outcome from the database and the event tap once it settled: each
 * acknowledged order looked up, each order's transitions checked against the events its
 * outbox wrote, and each written event looked for among those received.
 */
final class LedgerCheck {

	/** What each status implies the order went through. */
	private static final Map<String, List<String>> EVENTS_OF_STATUS = Map.of("PENDING_PAYMENT",
			List.of("order.created"), "PAID", List.of("order.created", "order.paid"), "CANCELLED",
			List.of("order.created", "order.cancelled"), "SHIPPED",
			List.of("order.created", "order.paid", "order.shipped"), "COMPLETED",
			List.of("order.created", "order.paid", "order.shipped", "order.completed"));

	private static final String ORDERS_AND_THEIR_EVENTS = """
			SELECT o.order_no, o.status, o.cancel_reason, m.destination, m.payload::json->>'eventId' AS event_id
			FROM orders o
			LEFT JOIN outbox_message m
			  ON m.kind = 'EVENT' AND m.payload::json->>'orderNo' = o.order_no
			""";

	private static final String PAYMENT_TIMERS = """
			SELECT count(*) AS fired,
			       count(*) FILTER (WHERE cancelled_at > payment_deadline + interval '1 second') AS late_1s,
			       count(*) FILTER (WHERE cancelled_at > payment_deadline + interval '60 seconds') AS late_60s,
			       count(*) FILTER (WHERE cancelled_at < payment_deadline) AS early,
			       coalesce(max(extract(epoch FROM cancelled_at - payment_deadline)), 0) * 1000 AS max_late_ms
			FROM orders
			WHERE cancel_reason = 'PAYMENT_TIMEOUT'
			""";

	private final JdbcClient jdbc;

	private final EventTap tap;

	LedgerCheck(DataSource dataSource, EventTap tap) {
		this.jdbc = JdbcClient.create(dataSource);
		this.tap = tap;
	}

	/**
	 * Waits until the last deadline has passed, then until every outbox row is published
	 * and no order awaits payment past its deadline, but no longer than {@code grace}
	 * after the last deadline; then until the tap has been quiet for 3 s.
	 * @return how long it waited
	 */
	Duration settle(Instant lastDeadline, Duration grace) throws InterruptedException {
		long start = System.nanoTime();
		Instant giveUp = lastDeadline.plus(grace);
		while (Instant.now().isBefore(lastDeadline.plusSeconds(2))) {
			Thread.sleep(200);
		}
		while (Instant.now().isBefore(giveUp) && (unpublished() > 0 || overdue() > 0)) {
			Thread.sleep(500);
		}
		this.tap.awaitQuiet(Duration.ofSeconds(3), Duration.ofSeconds(60));
		return Duration.ofNanos(System.nanoTime() - start);
	}

	/** The scenario's database, for checks of its own. */
	JdbcClient jdbc() {
		return this.jdbc;
	}

	long unpublished() {
		return this.jdbc.sql("SELECT count(*) FROM outbox_message WHERE published_at IS NULL")
			.query(Long.class)
			.single();
	}

	long overdue() {
		return this.jdbc
			.sql("SELECT count(*) FROM orders WHERE status = 'PENDING_PAYMENT' AND payment_deadline < now()")
			.query(Long.class)
			.single();
	}

	/** The ledger of {@code acknowledged} orders and everything in the database. */
	Ledger ledger(List<String> acknowledged, Recovery recovery, Map<String, Long> answers, List<String> violations,
			List<String> notes) {
		Set<String> existing = new HashSet<>(this.jdbc.sql("SELECT order_no FROM orders").query(String.class).list());
		long lost = acknowledged.stream().filter((orderNo) -> !existing.contains(orderNo)).count();
		Map<String, OrderEvents> orders = new HashMap<>();
		this.jdbc.sql(ORDERS_AND_THEIR_EVENTS).query((rs) -> {
			String orderNo = rs.getString("order_no");
			OrderEvents order = orders.get(orderNo);
			if (order == null) {
				order = new OrderEvents(rs.getString("status"), rs.getString("cancel_reason"));
				orders.put(orderNo, order);
			}
			String type = rs.getString("destination");
			if (type != null) {
				order.written.add(new String[] { type, rs.getString("event_id") });
			}
		});
		Map<String, long[]> events = new TreeMap<>();
		long doubles = 0;
		for (OrderEvents order : orders.values()) {
			Map<String, Integer> perType = new HashMap<>();
			for (String[] event : order.written) {
				perType.merge(event[0], 1, Integer::sum);
				long[] count = events.computeIfAbsent(event[0], (type) -> new long[3]);
				count[0]++;
				long publications = this.tap.publications(event[1]);
				if (publications == 0) {
					count[1]++;
				}
				else if (publications > 1) {
					count[2]++;
				}
			}
			for (String implied : EVENTS_OF_STATUS.getOrDefault(order.status, List.of())) {
				if (!perType.containsKey(implied)
						&& !(implied.equals("order.paid") && perType.containsKey("order.refund-requested"))) {
					events.computeIfAbsent(implied, (type) -> new long[3])[1]++;
				}
			}
			boolean paidAndTimedOut = perType.containsKey("order.paid") && "PAYMENT_TIMEOUT".equals(order.cancelReason);
			// order.refund-requested is written once per refunded transaction, and an
			// order
			// paid twice has two
			perType.remove("order.refund-requested");
			if (paidAndTimedOut || perType.values().stream().anyMatch((count) -> count > 1)) {
				doubles++;
			}
		}
		Map<String, EventCount> eventCounts = new TreeMap<>();
		events.forEach((type, count) -> eventCounts.put(type, new EventCount(count[0], count[1], count[2])));
		Timers timers = this.jdbc.sql(PAYMENT_TIMERS)
			.query((rs, row) -> new Timers(rs.getLong("fired"), rs.getLong("late_1s"), rs.getLong("late_60s"),
					rs.getLong("early"), Duration.ofMillis(Math.round(rs.getDouble("max_late_ms")))))
			.single();
		List<String> broken = new ArrayList<>(violations);
		if (timers.lateOverMinute() > 0) {
			// the sweeper's grace: a timer that late was held, lost or stuck behind a
			// backlog, and the sweeper may have cancelled its order first
			broken.add(timers.lateOverMinute() + " orders cancelled more than 60 s after their deadline (the "
					+ "sweeper's grace): their timers were held, lost or behind a backlog");
		}
		return new Ledger(acknowledged.size(), lost, overdue(), doubles, eventCounts, timers, recovery, answers, broken,
				notes);
	}

	private static final class OrderEvents {

		final String status;

		final String cancelReason;

		final List<String[]> written = new ArrayList<>();

		OrderEvents(String status, String cancelReason) {
			this.status = status;
			this.cancelReason = cancelReason;
		}

	}

}
