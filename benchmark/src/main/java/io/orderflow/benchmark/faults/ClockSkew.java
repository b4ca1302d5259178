package io.orderflow.benchmark.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Scenario 10: the two consumer instances run on hosts whose clocks are off, one
 * {@link #SKEW} ahead of the order-api host (and the database's), the other as much
 * behind: each is started under libfaketime ({@code LD_PRELOAD}, Debian's
 * {@code libfaketime}), which shifts the wall clock of that process only and leaves its
 * monotonic clock alone. The payment timers of the orders are measured by the database's
 * clock: when the transaction that cancelled each order committed
 * ({@code track_commit_timestamp}).
 */
final class ClockSkew extends Scenario {

	static final Duration SKEW = Duration.ofSeconds(2);

	/** The lateness allowed besides the skew: the ledger's "late by more than 1 s". */
	static final Duration NORMAL_LATENESS = Duration.ofSeconds(1);

	private static final Path LIBFAKETIME = Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1");

	private static final Duration DEADLINES = Duration.ofSeconds(20);

	/**
	 * Timeouts by the database's clock: the commit of the transaction that cancelled the
	 * order, the last to change its row.
	 */
	private static final String TIMEOUTS_BY_DATABASE_CLOCK = """
			SELECT count(*) AS fired,
			       count(*) FILTER (WHERE committed IS NULL) AS untracked,
			       count(*) FILTER (WHERE committed < payment_deadline) AS early,
			       count(*) FILTER (WHERE committed > payment_deadline + :allowed * interval '1 millisecond') AS late,
			       count(*) FILTER (WHERE committed > payment_deadline + interval '1 second') AS late_1s,
			       count(*) FILTER (WHERE committed > payment_deadline + interval '60 seconds') AS late_60s,
			       coalesce(min(extract(epoch FROM committed - payment_deadline)), 0) * 1000 AS min_ms,
			       coalesce(max(extract(epoch FROM committed - payment_deadline)), 0) * 1000 AS max_ms,
			       coalesce(max(extract(epoch FROM cancelled_at - committed)), 0) * 1000 AS max_app_ahead_ms,
			       coalesce(min(extract(epoch FROM cancelled_at - committed)), 0) * 1000 AS max_app_behind_ms
			FROM (SELECT payment_deadline, cancelled_at, pg_xact_commit_timestamp(xmin) AS committed
			      FROM orders
			      WHERE cancel_reason = 'PAYMENT_TIMEOUT') AS timeouts
			""";

	ClockSkew() {
		super("clock-skew", "Clock skew: one consumer host 2 s ahead of the api host, one 2 s behind",
				"No order is cancelled before its deadline by the database's clock, and none later than the skew "
						+ "plus the usual lateness: the database decides whether a deadline has passed, a consumer "
						+ "ahead that finds an order not yet due holds a new timer until it is by the database's "
						+ "clock, and one behind holds each timer until it is due by its own clock");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "1 order-api + 2 consumers, consumer-1 with its clock " + SKEW.toSeconds() + " s ahead, consumer-2 "
				+ SKEW.toSeconds() + " s behind (libfaketime); " + settings.orders() + " orders due over "
				+ DEADLINES.toSeconds() + " s, placed by " + settings.clients() + " clients; late means by more than "
				+ (SKEW.plus(NORMAL_LATENESS).toMillis() / 1000.0) + " s";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		if (!Files.isReadable(LIBFAKETIME)) {
			throw new IllegalStateException(LIBFAKETIME + " is missing: apt-get install faketime");
		}
		List<ServiceApp> apps = stage.start(1, List.of(skewed("+"), skewed("-")), timeline);
		Checkout checkout = stage.checkout(apps, 1);
		LedgerCheck check = stage.check();
		Instant lastDeadline = checkout.placeSpread(settings.orders(), settings.clients(), DEADLINES, timeline);
		check.settle(lastDeadline, settings.grace());
		for (int i = 1; i < apps.size(); i++) {
			timeline.note("consumer-" + i + " (" + ((i == 1) ? "ahead" : "behind") + "): payment timers "
					+ timeouts(stage, apps.get(i), "Cancelled") + " cancelled, "
					+ timeouts(stage, apps.get(i), "Rescheduled")
					+ " rescheduled (not yet due by its own clock or by the database's)");
		}
		List<String> violations = new ArrayList<>();
		long allowed = SKEW.plus(NORMAL_LATENESS).toMillis();
		AtomicReference<Ledger.Timers> byDatabaseClock = new AtomicReference<>();
		check.jdbc().sql(TIMEOUTS_BY_DATABASE_CLOCK).param("allowed", allowed).query((rs) -> {
			byDatabaseClock.set(new Ledger.Timers(rs.getLong("fired"), rs.getLong("late_1s"), rs.getLong("late_60s"),
					rs.getLong("early"), Duration.ofMillis(Math.round(rs.getDouble("max_ms")))));
			timeline.note("by the database's clock: " + rs.getLong("fired") + " timeouts, " + rs.getLong("early")
					+ " before the deadline, " + rs.getLong("late") + " more than " + allowed + " ms late; from "
					+ Math.round(rs.getDouble("min_ms")) + " to " + Math.round(rs.getDouble("max_ms"))
					+ " ms after the deadline; cancelled_at (the consumer's clock) from "
					+ Math.round(rs.getDouble("max_app_behind_ms")) + " to "
					+ Math.round(rs.getDouble("max_app_ahead_ms")) + " ms off the commit");
			if (rs.getLong("untracked") > 0) {
				violations.add(rs.getLong("untracked") + " timeouts without a commit timestamp (not measured)");
			}
			if (rs.getLong("early") > 0) {
				violations.add(rs.getLong("early") + " orders cancelled before their deadline by the database's clock");
			}
			if (rs.getLong("late") > 0) {
				violations.add(rs.getLong("late") + " orders cancelled more than " + allowed
						+ " ms after their deadline by the database's clock");
			}
		});
		// the ledger's timer rows by the database's clock too: cancelled_at is the
		// consumer's, 2 s off here by design
		return check
			.ledger(checkout.acknowledged(), new Ledger.Recovery(null, "no fault to recover from"), checkout.answers(),
					violations, timeline.entries())
			.withTimers(byDatabaseClock.get());
	}

	/**
	 * The settings of a consumer whose wall clock is {@link #SKEW} ahead ({@code +}) or
	 * behind ({@code -}). Its monotonic clock stays true: the JVM's timed waits run on
	 * it. libfaketime's "monotonic fix", which it switches on by itself for this glibc,
	 * makes those waits return early: every JVM thread that waits with a timeout then
	 * spins, and two consumers kept a 2-core machine at a load of 80. Switched off, the
	 * waits last as long as without libfaketime (checked with 150 parks of 100 ms).
	 */
	private static Map<String, String> skewed(String sign) {
		return Map.of("LD_PRELOAD", LIBFAKETIME.toString(), "FAKETIME", sign + SKEW.toSeconds() + "s",
				"FAKETIME_DONT_FAKE_MONOTONIC", "1", "FAKETIME_FORCE_MONOTONIC_FIX", "0");
	}

	private static long timeouts(Stage stage, ServiceApp consumer, String outcome) {
		return Math.round(stage.apps().metric(consumer, "order.payment.timeouts?tag=outcome:" + outcome));
	}

}
