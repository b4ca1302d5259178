package io.orderflow.outbox;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Hands messages to the broker and waits for its confirms.
 */
public interface OutboxPublisher {

	/**
	 * Publishes every message of the batch, then waits for the broker to confirm them.
	 * @return one delivery per message, in the order of the batch
	 */
	List<Delivery> publish(List<OutboxMessage> batch);

	/**
	 * What became of one message.
	 *
	 * @param failure why the broker did not take it; {@code null} once it confirmed it
	 */
	record Delivery(UUID messageId, @Nullable String failure) {

		public static Delivery confirmed(UUID messageId) {
			return new Delivery(messageId, null);
		}

		public static Delivery failed(UUID messageId, String failure) {
			return new Delivery(messageId, failure);
		}

		public boolean isConfirmed() {
			return this.failure == null;
		}

	}

}
