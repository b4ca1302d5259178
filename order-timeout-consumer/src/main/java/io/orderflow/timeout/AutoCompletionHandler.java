package io.orderflow.timeout;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.TransitionOutcome;

/**
 * What due auto-completion timers do: complete their shipped orders whose customer never
 * confirmed receipt, all in one transaction. Each timer's outcome is counted in
 * {@code order.auto.completions}.
 */
@Component
class AutoCompletionHandler {

	private static final Logger log = LoggerFactory.getLogger(AutoCompletionHandler.class);

	private final OrderFulfilment fulfilment;

	private final MeterRegistry meters;

	private final TimerLateness lateness;

	AutoCompletionHandler(OrderFulfilment fulfilment, MeterRegistry meters, TimerLateness lateness) {
		this.fulfilment = fulfilment;
		this.meters = meters;
		this.lateness = lateness;
	}

	void apply(List<AutoCompletionTimer> timers) {
		List<TransitionOutcome> outcomes = this.fulfilment
			.completeAutomatically(timers.stream().map(AutoCompletionTimer::orderNo).toList());
		for (int i = 0; i < timers.size(); i++) {
			report(timers.get(i), outcomes.get(i));
		}
	}

	private void report(AutoCompletionTimer timer, TransitionOutcome outcome) {
		this.meters.counter("order.auto.completions", "outcome", outcome.getClass().getSimpleName()).increment();
		if (outcome instanceof TransitionOutcome.Applied completed && completed.order().shipment() != null) {
			this.lateness.committed(Topology.AUTO_COMPLETION, completed.order().shipment().autoCompleteAt());
		}
		else if (outcome instanceof TransitionOutcome.NotAllowed notAllowed) {
			log.info("Auto-completion timer of order {}: the order is {}, nothing to do", timer.orderNo(),
					notAllowed.order().status());
		}
		else if (outcome instanceof TransitionOutcome.UnknownOrder) {
			log.warn("Auto-completion timer {} names unknown order {}; dropping the timer", timer.timerId(),
					timer.orderNo());
		}
	}

}
