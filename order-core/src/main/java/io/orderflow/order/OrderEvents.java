package io.orderflow.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.OrderCancelled;
import io.orderflow.messaging.OrderCreated;
import io.orderflow.messaging.OrderEventItem;
import io.orderflow.outbox.Outbox;

/**
 * Writes the events of order transitions to the outbox, in the transition's transaction.
 */
@Component
class OrderEvents {

	private final Outbox outbox;

	OrderEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	void created(Order order, Instant now) {
		UUID eventId = UUID.randomUUID();
		this.outbox.addEvent(eventId, OrderCreated.TYPE,
				new OrderCreated(eventId, OrderCreated.TYPE, OrderCreated.SCHEMA_VERSION, now, order.orderNo(),
						order.customerId(), order.currency().getCurrencyCode(), order.totalAmount().toPlainString(),
						items(order), order.createdAt(), order.paymentDeadline()),
				now);
	}

	void cancelled(Order order, Instant now) {
		UUID eventId = UUID.randomUUID();
		this.outbox.addEvent(eventId, OrderCancelled.TYPE,
				new OrderCancelled(eventId, OrderCancelled.TYPE, OrderCancelled.SCHEMA_VERSION, now, order.orderNo(),
						order.customerId(), String.valueOf(order.cancelReason()), now,
						order.currency().getCurrencyCode(), order.totalAmount().toPlainString(), items(order)),
				now);
	}

	private static List<OrderEventItem> items(Order order) {
		return order.items()
			.stream()
			.map((item) -> new OrderEventItem(item.sku(), item.quantity(), item.unitPrice().toPlainString()))
			.toList();
	}

}
