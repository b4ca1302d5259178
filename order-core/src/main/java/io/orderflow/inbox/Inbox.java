package io.orderflow.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.jdbc.Timestamps;

@Repository
public class Inbox {

	private static final String INSERT = """
			INSERT INTO inbox_message (message_id, type, received_at)
			VALUES (:messageId, :type, :receivedAt)
			ON CONFLICT (message_id) DO NOTHING""";

	private static final String DELETE_RECEIVED_BEFORE = """
			DELETE FROM inbox_message
			WHERE received_at < :cutoff""";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration retention;

	Inbox(JdbcClient jdbc, Clock clock, @Value("${order.inbox.retention:30d}") Duration retention) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.retention = retention;
	}

	/**
	 * Records the message in the caller's transaction, which must also do its work: if
	 * that transaction rolls back, the message counts as not handled.
	 * @return {@code true} the first time a message id is seen
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean firstDelivery(String messageId, String type, Instant now) {
		return this.jdbc.sql(INSERT)
			.param("messageId", messageId)
			.param("type", type)
			.param("receivedAt", Timestamps.utc(now))
			.update() == 1;
	}

	/**
	 * Forgets messages received longer ago than {@code order.inbox.retention} (30 days by
	 * default): far longer than any redelivery takes.
	 */
	@Scheduled(fixedDelayString = "${order.inbox.purge-interval:1h}", initialDelayString = "1m")
	void purge() {
		this.jdbc.sql(DELETE_RECEIVED_BEFORE)
			.param("cutoff", Timestamps.utc(this.clock.instant().minus(this.retention)))
			.update();
	}

}
