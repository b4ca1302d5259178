package io.orderflow.order;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.outbox.Outbox;

/**
 * Schedules the timers of an order: the payment timeout that ends it unpaid at its
 * payment deadline, and the auto-completion that completes it once shipped.
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

	void scheduleAutoCompletion(Order order, Shipment shipment, Instant now) {
		UUID timerId = UUID.randomUUID();
		this.outbox.addTimer(timerId, Topology.AUTO_COMPLETION,
				new AutoCompletionTimer(timerId, order.orderNo(), shipment.autoCompleteAt()), shipment.autoCompleteAt(),
				now);
	}

}
