package io.orderflow.order;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.messaging.PaymentReminderTimer;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.outbox.Outbox;

/**
 * Schedules the timers of an order: the payment timeout that ends it unpaid at its
 * payment deadline, the reminder some time before that, and the auto-completion that
 * completes it once shipped.
 */
@Component
class OrderTimers {

	private final Outbox outbox;

	OrderTimers(Outbox outbox) {
		this.outbox = outbox;
	}

	void schedulePaymentTimeout(Order order, Instant now) {
		UUID timerId = UUID.randomUUID();
		this.outbox.addTimer(timerId, Topology.PAYMENT_TIMEOUT,
				new PaymentTimeoutTimer(timerId, order.orderNo(), order.paymentDeadline()), order.paymentDeadline(),
				now);
	}

	/**
	 * The reminder of an unpaid order, {@code beforeDeadline} ahead of its deadline; none
	 * when that is zero or the order's payment timeout is shorter than twice it (a
	 * reminder right after placing would be noise).
	 */
	void schedulePaymentReminder(Order order, Duration beforeDeadline, Instant now) {
		Duration timeout = Duration.between(order.createdAt(), order.paymentDeadline());
		if (beforeDeadline.isZero() || timeout.compareTo(beforeDeadline.multipliedBy(2)) < 0) {
			return;
		}
		UUID timerId = UUID.randomUUID();
		Instant dueAt = order.paymentDeadline().minus(beforeDeadline);
		this.outbox.addTimer(timerId, Topology.PAYMENT_REMINDER,
				new PaymentReminderTimer(timerId, order.orderNo(), dueAt), dueAt, now);
	}

	void scheduleAutoCompletion(Order order, Shipment shipment, Instant now) {
		UUID timerId = UUID.randomUUID();
		this.outbox.addTimer(timerId, Topology.AUTO_COMPLETION,
				new AutoCompletionTimer(timerId, order.orderNo(), shipment.autoCompleteAt()), shipment.autoCompleteAt(),
				now);
	}

}
