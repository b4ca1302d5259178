package io.orderflow.timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.orderflow.inventory.InventoryAnswers;
import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;
import io.orderflow.monitoring.LogFields;

/**
 * Inventory's answers to {@code order.created}, from {@code inventory.events}.
 * Deduplicated by message id. An answer is accepted only from the inventory service (by
 * its AMQP {@code user_id}) and within the bounds of what answers carry; any other
 * message is parked at once and never blocks the queue.
 */
@Component
class InventoryEventListener {

	private static final Logger log = LoggerFactory.getLogger(InventoryEventListener.class);

	private static final Set<String> TYPES = Set.of(InventoryReservationRejected.TYPE,
			InventoryReservationConfirmed.TYPE);

	/** Inventory's reason is free text, recorded in the log only. */
	private static final int MAX_REASON_LENGTH = 200;

	/** An order has at most 100 lines, hence at most 100 SKUs short. */
	private static final int MAX_SKUS = 100;

	/** As long as {@code order_items.sku} allows. */
	private static final int MAX_SKU_LENGTH = 64;

	private final InventoryAnswers answers;

	private final MessageReader reader;

	private final String inventoryUser;

	private final MeterRegistry meters;

	InventoryEventListener(InventoryAnswers answers, MessageReader reader, InventoryProperties properties,
			MeterRegistry meters) {
		this.answers = answers;
		this.reader = reader;
		this.inventoryUser = properties.brokerUser();
		this.meters = meters;
		// at zero from the start, so that a rate or increase sees the first of each
		for (String type : TYPES) {
			for (String outcome : List.of("handled", "parked", "failed")) {
				count(type, outcome, 0);
			}
		}
	}

	@RabbitListener(id = "inventory-events", queues = "#{@topology.inventoryEventsQueue()}")
	void onInventoryEvent(Message message) {
		try (var messageId = LogFields.set(LogFields.MESSAGE_ID, message.getMessageProperties().getMessageId())) {
			apply(message);
			count(message, "handled");
		}
		catch (MalformedMessageException ex) {
			count(message, "parked");
			log.warn("Parking inventory message: {}", ex.getMessage());
			throw ex;
		}
		catch (RuntimeException ex) {
			count(message, "failed");
			throw ex;
		}
		finally {
			MDC.remove(LogFields.ORDER_NO);
		}
	}

	/**
	 * {@code order.inventory.answers}, tags {@code type} (one of the two answers, or
	 * {@code unknown}: the routing key is the sender's, and must not make new series) and
	 * {@code outcome}: {@code handled} (applied, or seen before), {@code parked} (refused
	 * at once) or {@code failed} (an attempt that threw; retried, then parked).
	 */
	private void count(Message message, String outcome) {
		String type = typeOf(message);
		count(TYPES.contains(type) ? type : "unknown", outcome, 1);
	}

	private void count(String type, String outcome, int messages) {
		this.meters.counter("order.inventory.answers", "type", type, "outcome", outcome).increment(messages);
	}

	private void apply(Message message) {
		requireFromInventory(message);
		String messageId = this.reader.messageId(message);
		String type = typeOf(message);
		if (InventoryReservationRejected.TYPE.equals(type)) {
			Class<InventoryReservationRejected> rejectedType = InventoryReservationRejected.class;
			InventoryReservationRejected rejected = this.reader.read(message, rejectedType);
			String orderNo = MessageReader.requireOrderNo(message, rejectedType, rejected.orderNo());
			MDC.put(LogFields.ORDER_NO, orderNo);
			String reason = MessageReader.requirePlainText(message, rejectedType, "reason",
					String.valueOf(rejected.reason()), MAX_REASON_LENGTH);
			this.answers.reservationRejected(messageId, orderNo, reason, skus(message, rejected.skus()));
		}
		else if (InventoryReservationConfirmed.TYPE.equals(type)) {
			InventoryReservationConfirmed confirmed = this.reader.read(message, InventoryReservationConfirmed.class);
			String orderNo = MessageReader.requireOrderNo(message, InventoryReservationConfirmed.class,
					confirmed.orderNo());
			MDC.put(LogFields.ORDER_NO, orderNo);
			this.answers.reservationConfirmed(messageId, orderNo);
		}
		else {
			throw MessageReader.malformed(message, Object.class, "unexpected routing key " + type);
		}
	}

	/**
	 * Only inventory may answer. RabbitMQ rejects a publish whose {@code user_id} is not
	 * the publishing connection's user, so the property names the real sender; a message
	 * without it could come from anyone allowed to publish to the exchange.
	 */
	private void requireFromInventory(Message message) {
		String sender = message.getMessageProperties().getReceivedUserId();
		if (!this.inventoryUser.equals(sender)) {
			throw new MalformedMessageException("Message " + MessageReader.printableId(message)
					+ " is not from inventory: its user_id is " + ((sender != null) ? "'" + sender + "'" : "missing")
					+ ", order.inventory.broker-user is '" + this.inventoryUser + "'", null);
		}
	}

	private static List<String> skus(Message message, @Nullable List<String> skus) {
		if (skus == null) {
			return List.of();
		}
		if (skus.size() > MAX_SKUS) {
			throw MessageReader.malformed(message, InventoryReservationRejected.class,
					skus.size() + " skus, more than " + MAX_SKUS);
		}
		for (String sku : skus) {
			if (sku == null) {
				throw MessageReader.malformed(message, InventoryReservationRejected.class, "a sku is null");
			}
			MessageReader.requirePlainText(message, InventoryReservationRejected.class, "sku", sku, MAX_SKU_LENGTH);
		}
		return skus;
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
