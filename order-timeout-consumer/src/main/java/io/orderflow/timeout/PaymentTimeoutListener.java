package io.orderflow.timeout;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.order.CancellationOutcome;
import io.orderflow.order.CancellationOutcome.NotAwaitingPayment;
import io.orderflow.order.CancellationOutcome.UnknownOrder;

/**
 * Cancels an order whose payment timer is due, if it is still unpaid.
 *
 * <p>
 * The message is acknowledged once the cancellation's transaction has committed (the
 * container's AUTO mode acks after this method returns), and also when there was nothing
 * to do: an order already paid or cancelled, or unknown, is an expected outcome. A
 * failure is retried with back-off a few times (see
 * {@code spring.rabbitmq.listener.simple.retry}), then rejected, which the queue
 * dead-letters to its parking lot.
 *
 * <p>
 * The body is read here rather than by a message converter: Spring's default error
 * handler silently drops messages that fail conversion when they carry an {@code x-death}
 * header, as every dead-lettered timer does. A malformed timer must reach the parking lot
 * instead.
 */
@Component
class PaymentTimeoutListener {

	private static final Logger log = LoggerFactory.getLogger(PaymentTimeoutListener.class);

	private final PaymentTimeoutHandler handler;

	private final MessageReader reader;

	private final MeterRegistry meters;

	PaymentTimeoutListener(PaymentTimeoutHandler handler, MessageReader reader, MeterRegistry meters) {
		this.handler = handler;
		this.reader = reader;
		this.meters = meters;
	}

	@RabbitListener(id = "payment-timeout", queues = "#{@topology.paymentTimeoutQueue()}")
	void onPaymentTimerDue(Message message) {
		PaymentTimeoutTimer timer = read(message);
		CancellationOutcome outcome = this.handler.handle(timer).orElse(null);
		this.meters
			.counter("order.payment.timeouts", "outcome",
					(outcome != null) ? outcome.getClass().getSimpleName() : "PaidAfterAll")
			.increment();
		if (outcome instanceof NotAwaitingPayment notAwaiting) {
			log.info("Payment timer {} of order {}: the order is {}, nothing to do", timer.timerId(), timer.orderNo(),
					notAwaiting.order().status());
		}
		else if (outcome instanceof UnknownOrder) {
			log.warn("Payment timer {} names unknown order {}; dropping the timer", timer.timerId(), timer.orderNo());
		}
	}

	private PaymentTimeoutTimer read(Message message) {
		PaymentTimeoutTimer timer = this.reader.read(message, PaymentTimeoutTimer.class);
		MessageReader.requireOrderNo(message, PaymentTimeoutTimer.class, timer.orderNo());
		return timer;
	}

}
