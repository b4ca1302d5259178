package io.orderflow.inbox;

import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
public class Inbox {

	private static final String INSERT = """
			INSERT INTO inbox_message (message_id, type, received_at)
			VALUES (:messageId, :type, :receivedAt)
			ON CONFLICT (message_id) DO NOTHING""";

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
			.param("receivedAt", now.atOffset(ZoneOffset.UTC))
			.update() == 1;
	}

}
