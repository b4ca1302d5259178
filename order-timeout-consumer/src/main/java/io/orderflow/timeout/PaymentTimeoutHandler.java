package io.orderflow.timeout;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.TransitionOutcome;
import io.orderflow.order.TransitionOutcome.NotAllowed;
import io.orderflow.order.TransitionOutcome.UnknownOrder;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.payment.PaymentOutcome;

/**
 * What due payment timers do: cancel their orders that are still unpaid, all in one
 * transaction, after asking the payment gateway (when a status check is configured)
 * whether an order's payment callback was lost. Each timer's outcome is counted in
 * {@code order.payment.timeouts}.
 */
@Component
class PaymentTimeoutHandler {

	private static final Logger log = LoggerFactory.getLogger(PaymentTimeoutHandler.class);

	private final OrderCancellation cancellation;

	private final OrderLookup lookup;

	private final PaymentCallbacks payments;

	private final Optional<PaymentStatusCheck> statusCheck;

	private final MeterRegistry meters;

	private final TimerLateness lateness;

	private final Clock clock;

	PaymentTimeoutHandler(OrderCancellation cancellation, OrderLookup lookup, PaymentCallbacks payments,
			Optional<PaymentStatusCheck> statusCheck, MeterRegistry meters, TimerLateness lateness, Clock clock) {
		this.cancellation = cancellation;
		this.lookup = lookup;
		this.payments = payments;
		this.statusCheck = statusCheck;
		this.meters = meters;
		this.lateness = lateness;
		this.clock = clock;
	}

	void apply(List<PaymentTimeoutTimer> timers) {
		List<PaymentTimeoutTimer> unpaid = this.statusCheck
			.map((check) -> timers.stream().filter((timer) -> !paidAfterAll(timer, check)).toList())
			.orElse(timers);
		if (unpaid.isEmpty()) {
			return;
		}
		List<TransitionOutcome> outcomes = this.cancellation
			.cancelForPaymentTimeout(unpaid.stream().map(PaymentTimeoutTimer::orderNo).toList());
		for (int i = 0; i < unpaid.size(); i++) {
			report(unpaid.get(i), outcomes.get(i));
		}
	}

	private void report(PaymentTimeoutTimer timer, TransitionOutcome outcome) {
		count(tag(outcome));
		if (outcome instanceof TransitionOutcome.Applied cancelled) {
			this.lateness.committed(Topology.PAYMENT_TIMEOUT, cancelled.order().paymentDeadline());
		}
		else if (outcome instanceof NotAllowed notAwaiting) {
			log.info("Payment timer {} of order {}: the order is {}, nothing to do", timer.timerId(), timer.orderNo(),
					notAwaiting.order().status());
		}
		else if (outcome instanceof UnknownOrder) {
			log.warn("Payment timer {} names unknown order {}; dropping the timer", timer.timerId(), timer.orderNo());
		}
	}

	/**
	 * Asks outside any transaction: a slow gateway must not hold a database connection.
	 */
	private boolean paidAfterAll(PaymentTimeoutTimer timer, PaymentStatusCheck check) {
		String orderNo = timer.orderNo();
		Order order = this.lookup.findAsStored(orderNo).orElse(null);
		if (order == null || !order.isPaymentOverdue(this.clock.instant())) {
			return false;
		}
		if (!(check.check(order) instanceof PaymentStatusCheck.Answer.Paid paid)) {
			return false;
		}
		PaymentOutcome outcome = this.payments.apply(
				new PaymentNotification("status-check:" + paid.transactionId(), PaymentNotification.Type.SUCCEEDED,
						orderNo, paid.transactionId(), paid.amount(), paid.currency(), paid.paidAt()),
				"payment status check of order " + orderNo);
		log.info("Payment status check of overdue order {}: paid by transaction {} ({})", orderNo, paid.transactionId(),
				outcome.getClass().getSimpleName());
		if (outcome instanceof PaymentOutcome.Paid) {
			count("PaidAfterAll");
			return true;
		}
		return false;
	}

	/** The outcome as the {@code order.payment.timeouts} meter has always named it. */
	private static String tag(TransitionOutcome outcome) {
		if (outcome instanceof TransitionOutcome.Applied) {
			return "Cancelled";
		}
		return (outcome instanceof NotAllowed) ? "NotAwaitingPayment" : outcome.getClass().getSimpleName();
	}

	private void count(String outcome) {
		this.meters.counter("order.payment.timeouts", "outcome", outcome).increment();
	}

}
