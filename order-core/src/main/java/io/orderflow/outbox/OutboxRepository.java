package io.orderflow.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.orderflow.jdbc.Timestamps;

@Repository
class OutboxRepository {

	private static final String INSERT = """
			INSERT INTO outbox_message (id, kind, destination, payload, deliver_at, created_at, next_attempt_at,
			                            trace_parent)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

	// SKIP LOCKED lets several relays (one per app instance) share the table without
	// waiting.
	private static final String LOCK_DUE = """
			SELECT id, kind, destination, payload, deliver_at, created_at, attempts, trace_parent
			FROM outbox_message
			WHERE published_at IS NULL
			  AND next_attempt_at <= :now
			ORDER BY next_attempt_at
			LIMIT :limit
			FOR UPDATE SKIP LOCKED""";

	private static final String MARK_PUBLISHED = """
			UPDATE outbox_message
			SET published_at = :now,
			    last_error = NULL
			WHERE id IN (:ids)""";

	private static final String MARK_FAILED = """
			UPDATE outbox_message
			SET attempts = attempts + 1,
			    next_attempt_at = :nextAttemptAt,
			    last_error = :error
			WHERE id = :id""";

	// Reads the unpublished rows' partial index only: cheap while the backlog is small,
	// which is when nobody needs to look.
	private static final String BACKLOG = """
			SELECT count(*) AS rows, min(created_at) AS oldest_created_at
			FROM outbox_message
			WHERE published_at IS NULL""";

	private static final String DELETE_PUBLISHED_BEFORE = """
			DELETE FROM outbox_message
			WHERE published_at < :cutoff""";

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	// Rare (an operator's erasure request): scans the events of one routing key.
	private static final String REDACT_EVENT_FIELD = """
			UPDATE outbox_message
			SET payload = jsonb_set(payload::jsonb, ARRAY[CAST(:field AS text)], 'null'::jsonb)::text
			WHERE kind = 'EVENT'
			  AND destination = :routingKey
			  AND payload::jsonb ->> 'orderNo' = ANY(:orderNos)
			  AND payload::jsonb ->> :field IS NOT NULL""";

	OutboxRepository(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	/** Inserts the messages in one batch (one round trip). */
	void insert(List<OutboxMessage> messages) {
		this.jdbcTemplate.batchUpdate(INSERT, messages, messages.size(), (statement, message) -> {
			OffsetDateTime createdAt = Timestamps.utcOrNull(message.createdAt());
			statement.setObject(1, message.id());
			statement.setString(2, message.kind().name());
			statement.setString(3, message.destination());
			statement.setString(4, message.payload());
			statement.setObject(5, Timestamps.utcOrNull(message.deliverAt()), Types.TIMESTAMP_WITH_TIMEZONE);
			statement.setObject(6, createdAt);
			statement.setObject(7, createdAt);
			statement.setString(8, message.traceParent());
		});
	}

	List<OutboxMessage> lockDue(Instant now, int limit) {
		return this.jdbc.sql(LOCK_DUE)
			.param("now", Timestamps.utcOrNull(now))
			.param("limit", limit)
			.query(this::mapRow)
			.list();
	}

	void markPublished(Collection<UUID> ids, Instant now) {
		if (!ids.isEmpty()) {
			this.jdbc.sql(MARK_PUBLISHED).param("ids", ids).param("now", Timestamps.utcOrNull(now)).update();
		}
	}

	void markFailed(UUID id, Instant nextAttemptAt, String error) {
		this.jdbc.sql(MARK_FAILED)
			.param("id", id)
			.param("nextAttemptAt", Timestamps.utcOrNull(nextAttemptAt))
			.param("error", error)
			.update();
	}

	int redactEventField(String routingKey, Collection<String> orderNos, String field) {
		return this.jdbc.sql(REDACT_EVENT_FIELD)
			.param("routingKey", routingKey)
			.param("orderNos", orderNos.toArray(String[]::new))
			.param("field", field)
			.update();
	}

	int deletePublishedBefore(Instant cutoff) {
		return this.jdbc.sql(DELETE_PUBLISHED_BEFORE).param("cutoff", Timestamps.utcOrNull(cutoff)).update();
	}

	Backlog backlog() {
		return this.jdbc.sql(BACKLOG).query((rs, rowNum) -> {
			OffsetDateTime oldest = rs.getObject("oldest_created_at", OffsetDateTime.class);
			return new Backlog(rs.getLong("rows"), (oldest != null) ? oldest.toInstant() : null);
		}).single();
	}

	private OutboxMessage mapRow(ResultSet rs, int rowNum) throws SQLException {
		OffsetDateTime deliverAt = rs.getObject("deliver_at", OffsetDateTime.class);
		return new OutboxMessage(rs.getObject("id", UUID.class), OutboxMessage.Kind.valueOf(rs.getString("kind")),
				rs.getString("destination"), rs.getString("payload"),
				(deliverAt != null) ? deliverAt.toInstant() : null,
				rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getInt("attempts"),
				rs.getString("trace_parent"));
	}

	/**
	 * The rows waiting to be published.
	 *
	 * @param oldestCreatedAt when the oldest of them was written; {@code null} when none
	 */
	record Backlog(long rows, @Nullable Instant oldestCreatedAt) {
	}

}
