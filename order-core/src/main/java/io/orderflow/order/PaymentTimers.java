package io.orderflow.order;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.outbox.Outbox;

/**
 * Schedules the timer that ends an unpaid order at its payment deadline.
 */
@Component
class PaymentTimers {

	private final Outbox outbox;

	PaymentTimers(Outbox outbox) {
		this.outbox = outbox;
	}

	void schedule(Order order, Instant now) {
		UUID timerId = UUID.randomUUID();
		this.outbox.addTimer(timerId, Topology.PAYMENT_TIMEOUT,
				new PaymentTimeoutTimer(timerId, order.orderNo(), order.paymentDeadline()), order.paymentDeadline(),
				now);
	}

}
