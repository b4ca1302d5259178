package io.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.OrderCancelled;
import io.orderflow.messaging.OrderCompleted;
import io.orderflow.messaging.OrderCreated;
import io.orderflow.messaging.OrderEventAddress;
import io.orderflow.messaging.OrderEventItem;
import io.orderflow.messaging.OrderPaid;
import io.orderflow.messaging.OrderPaymentReminder;
import io.orderflow.messaging.OrderRefundRequested;
import io.orderflow.messaging.OrderShipped;
import io.orderflow.outbox.Outbox;

/**
 * Writes the events of order transitions to the outbox, in the transition's transaction.
 */
@Component
public class OrderEvents {

	private final Outbox outbox;

	OrderEvents(Outbox outbox) {
		this.outbox = outbox;
	}

	void created(Order order, Instant now) {
		add(OrderCreated.TYPE,
				(eventId) -> new OrderCreated(eventId, OrderCreated.TYPE, OrderCreated.SCHEMA_VERSION, now,
						order.orderNo(), Order.FIRST_VERSION, order.customerId(), order.currency().getCurrencyCode(),
						order.totalAmount().toPlainString(), items(order), order.createdAt(), order.paymentDeadline()),
				now);
	}

	void cancelled(Order order, Instant now) {
		add(OrderCancelled.TYPE,
				(eventId) -> new OrderCancelled(eventId, OrderCancelled.TYPE, OrderCancelled.SCHEMA_VERSION, now,
						order.orderNo(), order.version(), order.customerId(), String.valueOf(order.cancelReason()), now,
						order.currency().getCurrencyCode(), order.totalAmount().toPlainString(), items(order)),
				now);
	}

	/**
	 * @param transactionId the gateway's transaction that paid the order; {@code null}
	 * for an order that costs nothing
	 */
	void paid(Order order, @Nullable String transactionId, Instant now) {
		add(OrderPaid.TYPE,
				(eventId) -> new OrderPaid(eventId, OrderPaid.TYPE, OrderPaid.SCHEMA_VERSION, now, order.orderNo(),
						order.version(), order.customerId(), transactionId, order.currency().getCurrencyCode(),
						order.totalAmount().toPlainString(), items(order), now, address(order.deliveryAddress())),
				now);
	}

	void paymentReminder(Order order, Instant now) {
		add(OrderPaymentReminder.TYPE, (eventId) -> new OrderPaymentReminder(eventId, OrderPaymentReminder.TYPE,
				OrderPaymentReminder.SCHEMA_VERSION, now, order.orderNo(), order.version(), order.customerId(),
				order.currency().getCurrencyCode(), order.totalAmount().toPlainString(), order.paymentDeadline()), now);
	}

	public void refundRequested(Order order, String transactionId, BigDecimal amount, Currency currency, String reason,
			Instant now) {
		add(OrderRefundRequested.TYPE,
				(eventId) -> new OrderRefundRequested(eventId, OrderRefundRequested.TYPE,
						OrderRefundRequested.SCHEMA_VERSION, now, order.orderNo(), order.version(), order.customerId(),
						transactionId, Amounts.twoDecimals(amount).toPlainString(), currency.getCurrencyCode(), reason),
				now);
	}

	void shipped(Order order, Shipment shipment, Instant now) {
		add(OrderShipped.TYPE,
				(eventId) -> new OrderShipped(eventId, OrderShipped.TYPE, OrderShipped.SCHEMA_VERSION, now,
						order.orderNo(), order.version(), order.customerId(), shipment.carrier(), shipment.trackingNo(),
						shipment.shippedAt(), shipment.autoCompleteAt(), items(order)),
				now);
	}

	void completed(Order order, Completion completion, Instant now) {
		add(OrderCompleted.TYPE,
				(eventId) -> new OrderCompleted(eventId, OrderCompleted.TYPE, OrderCompleted.SCHEMA_VERSION, now,
						order.orderNo(), order.version(), order.customerId(), completion.completedBy().name(),
						completion.completedAt()),
				now);
	}

	/**
	 * Adds the event to the outbox, in the caller's transaction, under a new event id
	 * (which it carries as {@code eventId} and as the message's {@code message_id}).
	 */
	private void add(String type, Function<UUID, Object> event, Instant now) {
		UUID eventId = UUID.randomUUID();
		this.outbox.addEvent(eventId, type, event.apply(eventId), now);
	}

	private static @Nullable OrderEventAddress address(@Nullable DeliveryAddress address) {
		if (address == null) {
			return null;
		}
		return new OrderEventAddress(address.recipientName(), address.phone(), address.country(), address.region(),
				address.city(), address.district(), address.lines(), address.postalCode());
	}

	private static List<OrderEventItem> items(Order order) {
		return order.items()
			.stream()
			.map((item) -> new OrderEventItem(item.sku(), item.quantity(), item.unitPrice().toPlainString()))
			.toList();
	}

}
