package io.orderflow.benchmark.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.infra.Postgres;

/**
 * The service's outbox, seen from its database: what its relays have not published yet,
 * and when they published what. Only reads.
 */
public final class ServiceOutbox {

	private static final Duration GIVE_UP = Duration.ofMinutes(3);

	private static final long POLL_MILLIS = 250;

	private static final String UNPUBLISHED = """
			SELECT count(*)
			FROM outbox_message
			WHERE published_at IS NULL
			  AND kind IN (%s)""";

	private static final String UNPUBLISHED_DETAIL = """
			SELECT count(*), min(created_at), min(next_attempt_at), max(attempts), max(last_error)
			FROM outbox_message
			WHERE published_at IS NULL""";

	private static final String CANCELLED_EVENTS = """
			SELECT count(*),
			       max(published_at)
			FROM outbox_message
			WHERE destination = 'order.cancelled'
			  AND published_at IS NOT NULL
			  AND created_at >= ?""";

	private static final String TIMERS_PUBLISHED = """
			SELECT max(published_at)
			FROM outbox_message
			WHERE kind = 'TIMER'
			  AND created_at >= ?""";

	private final DataSource serviceDb;

	private final RunLog log;

	public ServiceOutbox(DataSource serviceDb, RunLog log) {
		this.serviceDb = serviceDb;
		this.log = log;
	}

	/** Messages, events and timers, not yet published. */
	long unpublished() throws SQLException {
		return unpublished(false);
	}

	/** Outbox messages not yet published by the relays: timers only, or events too. */
	private long unpublished(boolean timersOnly) throws SQLException {
		return Postgres.queryLong(this.serviceDb, UNPUBLISHED.formatted(timersOnly ? "'TIMER'" : "'TIMER', 'EVENT'"));
	}

	/**
	 * Outbox messages the service wrote per order so far (an order's event and timer,
	 * say), to tell how many messages a second of creation leaves to publish.
	 */
	double messagesPerOrder() throws SQLException {
		long messages = Postgres.queryLong(this.serviceDb, "SELECT count(*) FROM outbox_message");
		long orders = Postgres.queryLong(this.serviceDb, "SELECT count(*) FROM orders");
		return (orders > 0) ? (double) messages / orders : Double.NaN;
	}

	/** Waits until the relays have published every message, or every timer. */
	void awaitPublished(boolean timersOnly) throws SQLException, InterruptedException {
		long giveUp = System.nanoTime() + GIVE_UP.toNanos();
		while (unpublished(timersOnly) > 0) {
			if (System.nanoTime() > giveUp) {
				this.log.note("The service's outbox still held unpublished messages after %d minutes: %s.",
						GIVE_UP.toMinutes(), unpublishedDetail());
				return;
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

	/** {@code order.cancelled} events published, written since {@code since}. */
	PublishedEvents cancelledEvents(Instant since) throws SQLException {
		try (Connection connection = this.serviceDb.getConnection();
				PreparedStatement statement = connection.prepareStatement(CANCELLED_EVENTS)) {
			statement.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return new PublishedEvents(rs.getLong(1), OrderProbes.instant(rs.getTimestamp(2)));
			}
		}
	}

	/** When the last timer written since {@code since} was published. */
	Instant timersPublished(Instant since) throws SQLException {
		try (Connection connection = this.serviceDb.getConnection();
				PreparedStatement statement = connection.prepareStatement(TIMERS_PUBLISHED)) {
			statement.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return OrderProbes.instant(rs.getTimestamp(1));
			}
		}
	}

	/** What the unpublished outbox messages look like, for a note. */
	private String unpublishedDetail() throws SQLException {
		try (Connection connection = this.serviceDb.getConnection();
				PreparedStatement statement = connection.prepareStatement(UNPUBLISHED_DETAIL);
				ResultSet rs = statement.executeQuery()) {
			rs.next();
			return "%d messages, oldest created %s, next attempt from %s, up to %d attempts, last error %s".formatted(
					rs.getLong(1), OrderProbes.instant(rs.getTimestamp(2)), OrderProbes.instant(rs.getTimestamp(3)),
					rs.getInt(4), rs.getString(5));
		}
	}

	record PublishedEvents(long count, Instant last) {
	}

}
