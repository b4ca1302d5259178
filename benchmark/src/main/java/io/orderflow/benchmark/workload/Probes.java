package io.orderflow.benchmark.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.infra.Postgres;

/**
 * Reads what happened from each design's database: every figure about timers comes from
 * the orders themselves ({@code cancelled_at - payment_deadline}), whatever the design.
 */
final class Probes {

	private static final String DUE_ORDERS = """
			SELECT status,
			       EXTRACT(EPOCH FROM cancelled_at - payment_deadline) AS lateness,
			       EXTRACT(EPOCH FROM payment_deadline) AS deadline
			FROM orders
			WHERE customer_id = ?""";

	private static final String LAST_DEADLINE = """
			SELECT max(payment_deadline)
			FROM orders
			WHERE customer_id = ?""";

	private static final String CONSUMER_DOWN_SUMMARY = """
			SELECT count(*),
			       count(*) FILTER (WHERE payment_deadline > ? AND payment_deadline < ?),
			       count(*) FILTER (WHERE status = 'CANCELLED'),
			       max(cancelled_at)
			FROM orders
			WHERE customer_id = ?""";

	private static final String CANCELLED_COUNT = """
			SELECT count(*)
			FROM orders
			WHERE customer_id = ?
			  AND status = 'CANCELLED'""";

	private static final String STORM_SUMMARY = """
			SELECT count(*),
			       min(cancelled_at),
			       max(cancelled_at)
			FROM orders
			WHERE customer_id = ?
			  AND status = 'CANCELLED'""";

	private static final String STORM_OFFSETS = """
			SELECT EXTRACT(EPOCH FROM cancelled_at) - ?
			FROM orders
			WHERE customer_id = ?
			  AND status = 'CANCELLED'
			ORDER BY cancelled_at""";

	private static final String CANCELLED_EVENTS = """
			SELECT count(*),
			       max(published_at)
			FROM outbox_message
			WHERE destination = 'order.cancelled'
			  AND published_at IS NOT NULL
			  AND created_at >= ?""";

	private static final String UNPUBLISHED = """
			SELECT count(*)
			FROM outbox_message
			WHERE published_at IS NULL
			  AND kind IN (%s)""";

	private static final String TIMERS_PUBLISHED = """
			SELECT max(published_at)
			FROM outbox_message
			WHERE kind = 'TIMER'
			  AND created_at >= ?""";

	private Probes() {
	}

	/**
	 * Lateness of the orders tagged {@code customerId}, once all of them are due; those
	 * still pending count as not fired.
	 */
	static Results.Lateness lateness(Design design, DataSource dataSource, String customerId) throws SQLException {
		List<Double> cancelled = new ArrayList<>();
		int due = 0;
		int notFired = 0;
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(DUE_ORDERS)) {
			statement.setString(1, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					due++;
					if ("CANCELLED".equals(rs.getString("status"))) {
						cancelled.add(rs.getDouble("lateness"));
					}
					else {
						notFired++;
					}
				}
			}
		}
		double[] seconds = cancelled.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return Results.Lateness.of(design, due, seconds, notFired);
	}

	static long cancelled(DataSource dataSource, String customerId) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(CANCELLED_COUNT)) {
			statement.setString(1, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** The latest payment deadline of the orders tagged {@code customerId}. */
	static Instant lastDeadline(DataSource dataSource, String customerId) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(LAST_DEADLINE)) {
			statement.setString(1, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return instant(rs.getTimestamp(1));
			}
		}
	}

	/**
	 * The orders whose timers fell due while the design's consumer was stopped: how many
	 * there are, how many fell due between {@code stopped} and {@code restarted}, how
	 * many are cancelled, and when the last was.
	 */
	static ConsumerDownOrders consumerDownOrders(DataSource dataSource, Instant stopped, Instant restarted)
			throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(CONSUMER_DOWN_SUMMARY)) {
			statement.setObject(1, OffsetDateTime.ofInstant(stopped, ZoneOffset.UTC));
			statement.setObject(2, OffsetDateTime.ofInstant(restarted, ZoneOffset.UTC));
			statement.setString(3, OrderSpec.CONSUMER_DOWN);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new ConsumerDownOrders(rs.getLong(1), rs.getLong(2), rs.getLong(3), instant(rs.getTimestamp(4)));
			}
		}
	}

	/** Cancelled storm orders, and when the first and the last were cancelled. */
	static StormCancels stormCancels(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(STORM_SUMMARY)) {
			statement.setString(1, OrderSpec.STORM);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new StormCancels(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)));
			}
		}
	}

	/** Seconds from {@code deadline} to each storm cancel, in order. */
	static double[] stormOffsets(DataSource dataSource, Instant deadline) throws SQLException {
		List<Double> offsets = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(STORM_OFFSETS)) {
			statement.setDouble(1, deadline.toEpochMilli() / 1000.0);
			statement.setString(2, OrderSpec.STORM);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					offsets.add(rs.getDouble(1));
				}
			}
		}
		return offsets.stream().mapToDouble(Double::doubleValue).toArray();
	}

	/** {@code order.cancelled} events published, written since {@code since}. */
	static PublishedEvents cancelledEvents(DataSource dataSource, Instant since) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(CANCELLED_EVENTS)) {
			statement.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new PublishedEvents(rs.getLong(1), instant(rs.getTimestamp(2)));
			}
		}
	}

	/**
	 * Outbox messages not yet published by the service's relays: timers only, or events
	 * too.
	 */
	static long unpublished(DataSource dataSource, boolean timersOnly) throws SQLException {
		return Postgres.queryLong(dataSource, UNPUBLISHED.formatted(timersOnly ? "'TIMER'" : "'TIMER', 'EVENT'"));
	}

	/** When the last timer written since {@code since} was published. */
	static Instant timersPublished(DataSource dataSource, Instant since) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(TIMERS_PUBLISHED)) {
			statement.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return instant(rs.getTimestamp(1));
			}
		}
	}

	/** What the unpublished outbox messages look like, for a note. */
	static String unpublishedDetail(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						SELECT count(*), min(created_at), min(next_attempt_at), max(attempts), max(last_error)
						FROM outbox_message
						WHERE published_at IS NULL""");
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return "%d messages, oldest created %s, next attempt from %s, up to %d attempts, last error %s".formatted(
					rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)), rs.getInt(4),
					rs.getString(5));
		}
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record StormCancels(long count, Instant first, Instant last) {
	}

	record PublishedEvents(long count, Instant last) {
	}

	/**
	 * @param orders orders of the consumer-down workload
	 * @param dueWhileDown those due while the consumer was stopped
	 * @param cancelled those cancelled so far
	 * @param lastCancel when the last was cancelled, or {@code null}
	 */
	record ConsumerDownOrders(long orders, long dueWhileDown, long cancelled, Instant lastCancel) {
	}

}
