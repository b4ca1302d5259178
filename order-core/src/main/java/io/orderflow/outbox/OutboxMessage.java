package io.orderflow.outbox;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A message waiting in, or taken from, the outbox.
 *
 * @param id also the AMQP {@code message_id}, so that consumers can deduplicate
 * @param destination the routing key of an event, or the name of a timer
 * @param payload the JSON body
 * @param deliverAt when a timer is due; {@code null} for events
 * @param attempts failed publish attempts so far
 * @param traceParent the W3C {@code traceparent} of the transaction that wrote it, if it
 * ran in a trace
 */
public record OutboxMessage(UUID id, Kind kind, String destination, String payload, @Nullable Instant deliverAt,
		Instant createdAt, int attempts, @Nullable String traceParent) {

	public enum Kind {

		/** Published at once to the events exchange. */
		EVENT,

		/** Published into the delay levels, delivered at {@code deliverAt}. */
		TIMER

	}

}
