package io.orderflow.timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.orderflow.inventory.InventoryAnswers;
import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;

/**
 * Inventory's answers to {@code order.created}, from {@code inventory.events}.
 * Deduplicated by message id; a malformed message is parked at once and never blocks the
 * queue.
 */
@Component
class InventoryEventListener {

	private static final Set<String> TYPES = Set.of(InventoryReservationRejected.TYPE,
			InventoryReservationConfirmed.TYPE);

	private final InventoryAnswers answers;

	private final MessageReader reader;

	InventoryEventListener(InventoryAnswers answers, MessageReader reader) {
		this.answers = answers;
		this.reader = reader;
	}

	@RabbitListener(id = "inventory-events", queues = "#{@topology.inventoryEventsQueue()}")
	void onInventoryEvent(Message message) {
		String messageId = this.reader.messageId(message);
		String type = typeOf(message);
		if (InventoryReservationRejected.TYPE.equals(type)) {
			InventoryReservationRejected rejected = this.reader.read(message, InventoryReservationRejected.class);
			this.answers.reservationRejected(messageId,
					MessageReader.requireOrderNo(message, InventoryReservationRejected.class, rejected.orderNo()),
					String.valueOf(rejected.reason()), (rejected.skus() != null) ? rejected.skus() : List.of());
		}
		else if (InventoryReservationConfirmed.TYPE.equals(type)) {
			InventoryReservationConfirmed confirmed = this.reader.read(message, InventoryReservationConfirmed.class);
			this.answers.reservationConfirmed(messageId,
					MessageReader.requireOrderNo(message, InventoryReservationConfirmed.class, confirmed.orderNo()));
		}
		else {
			throw MessageReader.malformed(message, Object.class, "unexpected routing key " + type);
		}
	}

	/**
	 * The routing key inventory published with. A message moved back from the parking lot
	 * arrives with another routing key; the first {@code x-death} entry still names the
	 * original one.
	 */
	private static String typeOf(Message message) {
		String routingKey = message.getMessageProperties().getReceivedRoutingKey();
		if (TYPES.contains(routingKey)) {
			return routingKey;
		}
		List<Map<String, ?>> deaths = message.getMessageProperties().getXDeathHeader();
		if (deaths != null) {
			for (Map<String, ?> death : deaths) {
				if (death.get("routing-keys") instanceof List<?> keys) {
					for (Object key : keys) {
						if (TYPES.contains(String.valueOf(key))) {
							return String.valueOf(key);
						}
					}
				}
			}
		}
		return String.valueOf(routingKey);
	}

}
