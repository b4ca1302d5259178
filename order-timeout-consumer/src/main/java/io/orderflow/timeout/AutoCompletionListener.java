package io.orderflow.timeout;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.TransitionOutcome;

/**
 * Completes a shipped order whose customer never confirmed receipt, when its
 * auto-completion timer is due. Acknowledged after the transaction, also when there is
 * nothing to do (the customer confirmed first).
 */
@Component
class AutoCompletionListener {

	private static final Logger log = LoggerFactory.getLogger(AutoCompletionListener.class);

	private final OrderFulfilment fulfilment;

	private final MessageReader reader;

	private final MeterRegistry meters;

	AutoCompletionListener(OrderFulfilment fulfilment, MessageReader reader, MeterRegistry meters) {
		this.fulfilment = fulfilment;
		this.reader = reader;
		this.meters = meters;
	}

	@RabbitListener(id = "auto-completion", queues = "#{@topology.autoCompletionQueue()}")
	void onAutoCompletionDue(Message message) {
		AutoCompletionTimer timer = this.reader.read(message, AutoCompletionTimer.class);
		TransitionOutcome outcome = this.fulfilment
			.completeAutomatically(MessageReader.requireOrderNo(message, AutoCompletionTimer.class, timer.orderNo()));
		this.meters.counter("order.auto.completions", "outcome", outcome.getClass().getSimpleName()).increment();
		if (outcome instanceof TransitionOutcome.NotAllowed notAllowed) {
			log.info("Auto-completion timer of order {}: the order is {}, nothing to do", timer.orderNo(),
					notAllowed.order().status());
		}
		else if (outcome instanceof TransitionOutcome.UnknownOrder) {
			log.warn("Auto-completion timer {} names unknown order {}; dropping the timer", timer.timerId(),
					timer.orderNo());
		}
	}

}
