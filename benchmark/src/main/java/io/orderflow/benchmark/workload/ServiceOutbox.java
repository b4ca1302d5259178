package io.orderflow.benchmark.workload;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.infra.Postgres;

/**
 * The service's outbox, seen from its database: what its relays have not published yet.
 */
public final class ServiceOutbox {

	private static final Duration GIVE_UP = Duration.ofMinutes(3);

	private static final long POLL_MILLIS = 250;

	private final DataSource serviceDb;

	private final RunLog log;

	public ServiceOutbox(DataSource serviceDb, RunLog log) {
		this.serviceDb = serviceDb;
		this.log = log;
	}

	/** Messages, events and timers, not yet published. */
	long unpublished() throws SQLException {
		return Probes.unpublished(this.serviceDb, false);
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
		while (Probes.unpublished(this.serviceDb, timersOnly) > 0) {
			if (System.nanoTime() > giveUp) {
				this.log.note("The service's outbox still held unpublished messages after %d minutes: %s.",
						GIVE_UP.toMinutes(), Probes.unpublishedDetail(this.serviceDb));
				return;
			}
			Thread.sleep(POLL_MILLIS);
		}
	}

}
