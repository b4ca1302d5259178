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
import io.orderflow.benchmark.baseline.Baseline;

/**
 * Reads what happened to one design's orders from its database: every figure about timers
 * comes from the orders themselves ({@code cancelled_at - payment_deadline}), whatever
 * the design. The service's orders are in its {@code orders} table, a baseline's in a
 * table of its own with the same columns ({@link Baseline#ordersTable()}). Only reads.
 */
final class OrderProbes {

	private static final String DUE_ORDERS = """
			SELECT status,
			       EXTRACT(EPOCH FROM cancelled_at - payment_deadline) AS lateness,
			       EXTRACT(EPOCH FROM payment_deadline) AS deadline
			FROM %s
			WHERE customer_id = ?""";

	private static final String LAST_DEADLINE = """
			SELECT max(payment_deadline)
			FROM %s
			WHERE customer_id = ?""";

	private static final String CONSUMER_DOWN_SUMMARY = """
			SELECT count(*),
			       count(*) FILTER (WHERE payment_deadline > ? AND payment_deadline < ?),
			       count(*) FILTER (WHERE status = 'CANCELLED'),
			       max(cancelled_at)
			FROM %s
			WHERE customer_id = ?""";

	private static final String CANCELLED_COUNT = """
			SELECT count(*)
			FROM %s
			WHERE customer_id = ?
			  AND status = 'CANCELLED'""";

	private static final String STORM_SUMMARY = """
			SELECT count(*),
			       min(cancelled_at),
			       max(cancelled_at)
			FROM %s
			WHERE customer_id = ?
			  AND status = 'CANCELLED'""";

	private static final String STORM_OFFSETS = """
			SELECT EXTRACT(EPOCH FROM cancelled_at) - ?
			FROM %s
			WHERE customer_id = ?
			  AND status = 'CANCELLED'
			ORDER BY cancelled_at""";

	/** The service's table of orders. */
	private static final String SERVICE_ORDERS = "orders";

	private final Design design;

	private final DataSource dataSource;

	private final String table;

	private OrderProbes(Design design, DataSource dataSource, String table) {
		this.design = design;
		this.dataSource = dataSource;
		this.table = table;
	}

	static OrderProbes service(DataSource serviceDb) {
		return new OrderProbes(Design.SERVICE, serviceDb, SERVICE_ORDERS);
	}

	static OrderProbes of(Baseline baseline) {
		return new OrderProbes(baseline.design(), baseline.dataSource(), baseline.ordersTable());
	}

	Design design() {
		return this.design;
	}

	/**
	 * Lateness of the orders tagged {@code customerId}, once all of them are due; those
	 * still pending count as not fired.
	 */
	Results.Lateness lateness(String customerId) throws SQLException {
		List<Double> cancelled = new ArrayList<>();
		int due = 0;
		int notFired = 0;
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(DUE_ORDERS))) {
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
		return Results.Lateness.of(this.design, due, seconds, notFired);
	}

	long cancelled(String customerId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(CANCELLED_COUNT))) {
			statement.setString(1, customerId);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	/** The latest payment deadline of the orders tagged {@code customerId}. */
	Instant lastDeadline(String customerId) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(LAST_DEADLINE))) {
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
	ConsumerDownOrders consumerDownOrders(Instant stopped, Instant restarted) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(CONSUMER_DOWN_SUMMARY))) {
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
	StormCancels stormCancels() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(STORM_SUMMARY))) {
			statement.setString(1, OrderSpec.STORM);
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new StormCancels(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)));
			}
		}
	}

	/** Seconds from {@code deadline} to each storm cancel, in order. */
	double[] stormOffsets(Instant deadline) throws SQLException {
		List<Double> offsets = new ArrayList<>();
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql(STORM_OFFSETS))) {
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

	private String sql(String template) {
		return template.formatted(this.table);
	}

	static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	record StormCancels(long count, Instant first, Instant last) {
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
