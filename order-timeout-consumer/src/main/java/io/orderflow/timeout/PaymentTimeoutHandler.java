package io.orderflow.timeout;

import java.time.Clock;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.order.CancellationOutcome;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.Orders;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.payment.PaymentOutcome;

/**
 * What a due payment timer does: cancel the order if it is still unpaid, after asking the
 * payment gateway (when a status check is configured) whether its payment callback was
 * lost.
 */
@Component
class PaymentTimeoutHandler {

	private static final Logger log = LoggerFactory.getLogger(PaymentTimeoutHandler.class);

	private final OrderCancellation cancellation;

	private final Orders orders;

	private final PaymentCallbacks payments;

	private final Optional<PaymentStatusCheck> statusCheck;

	private final Clock clock;

	PaymentTimeoutHandler(OrderCancellation cancellation, Orders orders, PaymentCallbacks payments,
			Optional<PaymentStatusCheck> statusCheck, Clock clock) {
		this.cancellation = cancellation;
		this.orders = orders;
		this.payments = payments;
		this.statusCheck = statusCheck;
		this.clock = clock;
	}

	/**
	 * @return the outcome, or empty when the gateway reported the order paid
	 */
	Optional<CancellationOutcome> handle(PaymentTimeoutTimer timer) {
		if (this.statusCheck.isPresent() && paidAfterAll(timer.orderNo(), this.statusCheck.get())) {
			return Optional.empty();
		}
		return Optional.of(this.cancellation.cancelForPaymentTimeout(timer.orderNo()));
	}

	/**
	 * Asks outside any transaction: a slow gateway must not hold a database connection.
	 */
	private boolean paidAfterAll(String orderNo, PaymentStatusCheck check) {
		Order order = this.orders.findByOrderNo(orderNo).orElse(null);
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
		return outcome instanceof PaymentOutcome.Paid;
	}

}
