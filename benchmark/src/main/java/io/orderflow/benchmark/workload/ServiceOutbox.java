package io.orderflow.benchmark.workload;

import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.orderflow.benchmark.RunLog;

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
	public long unpublished() throws SQLException {
		return Probes.unpublished(this.serviceDb, false);
	}

	/** Waits until the relays have published every message, or every timer. */
	public void awaitPublished(boolean timersOnly) throws SQLException, InterruptedException {
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
