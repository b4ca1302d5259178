package io.orderflow.timeout;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.PaymentReminderTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.PaymentReminders;
import io.orderflow.order.TransitionOutcome;

/**
 * What due payment reminders do: publish {@code order.payment-reminder} for their orders
 * that are still unpaid, all in one transaction. Each timer's outcome is counted in
 * {@code order.payment.reminders} ({@code Applied}: reminded; {@code NotAllowed}: paid,
 * cancelled, reminded already or past its deadline).
 */
@Component
class PaymentReminderHandler {

	private static final Logger log = LoggerFactory.getLogger(PaymentReminderHandler.class);

	private final PaymentReminders reminders;

	private final MeterRegistry meters;

	private final TimerLateness lateness;

	PaymentReminderHandler(PaymentReminders reminders, MeterRegistry meters, TimerLateness lateness) {
		this.reminders = reminders;
		this.meters = meters;
		this.lateness = lateness;
	}

	void apply(List<PaymentReminderTimer> timers) {
		List<TransitionOutcome> outcomes = this.reminders
			.remind(timers.stream().map(PaymentReminderTimer::orderNo).toList());
		for (int i = 0; i < timers.size(); i++) {
			report(timers.get(i), outcomes.get(i));
		}
	}

	private void report(PaymentReminderTimer timer, TransitionOutcome outcome) {
		this.meters.counter("order.payment.reminders", "outcome", outcome.getClass().getSimpleName()).increment();
		if (outcome instanceof TransitionOutcome.Applied && timer.dueAt() != null) {
			this.lateness.committed(Topology.PAYMENT_REMINDER, timer.dueAt());
		}
		else if (outcome instanceof TransitionOutcome.NotAllowed notAllowed) {
			log.info("Payment reminder of order {}: the order is {}, no reminder", timer.orderNo(),
					notAllowed.order().status());
		}
		else if (outcome instanceof TransitionOutcome.UnknownOrder) {
			log.warn("Payment reminder {} names unknown order {}; dropping the timer", timer.timerId(),
					timer.orderNo());
		}
	}

}
