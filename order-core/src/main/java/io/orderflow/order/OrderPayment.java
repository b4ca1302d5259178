package io.orderflow.order;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.TransitionOutcome.Applied;

/**
 * An order's payment, as the payment gateway reports it: {@link OrderTransition#PAY}.
 */
@Service
public class OrderPayment {

	private final Orders orders;

	private final OrderEvents events;

	OrderPayment(Orders orders, OrderEvents events) {
		this.orders = orders;
		this.events = events;
	}

	/**
	 * PENDING_PAYMENT to PAID, with {@code order.paid}. The deadline does not matter: the
	 * money was taken, and whichever of payment and timeout commits first wins. The
	 * caller's transaction also records the payment, so both commit or neither.
	 * @return {@link TransitionOutcome.NotAllowed} when the order is no longer awaiting
	 * payment (the caller refunds)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TransitionOutcome pay(String orderNo, String transactionId, Instant now) {
		return this.orders.outcome(orderNo, OrderAccess.ANY_CUSTOMER, this.orders.markPaid(orderNo, now), (order) -> {
			this.events.paid(order, transactionId, now);
			return new Applied(order);
		});
	}

}
