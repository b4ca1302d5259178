package io.orderflow.payment;

import java.time.Instant;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.Order;
import io.orderflow.order.OrderEvents;
import io.orderflow.payment.PaymentRecords.Payment;

/**
 * Gives back the money of a paid order that was cancelled after all (by its customer, or
 * out of stock), and of payments an order cannot keep.
 */
@Service
public class Refunds {

	private static final Logger log = LoggerFactory.getLogger(Refunds.class);

	private final PaymentRecords records;

	private final OrderEvents events;

	private final MeterRegistry meters;

	Refunds(PaymentRecords records, OrderEvents events, MeterRegistry meters) {
		this.records = records;
		this.events = events;
		this.meters = meters;
	}

	/**
	 * Writes {@code order.refund-requested} for the transaction that paid the order, in
	 * the caller's transaction (the one that cancelled the order).
	 * @return whether the order's money is given back: refund requested, or nothing was
	 * paid; {@code false} when no payment of it is recorded (then a person must refund
	 * it)
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean refundPaidOrder(Order order, String reason, Instant now) {
		if (order.isFree()) {
			log.info("Order {} cost nothing; nothing to refund ({})", order.orderNo(), reason);
			return true;
		}
		Optional<Payment> payment = this.records.paymentOf(order.orderNo());
		if (payment.isEmpty()) {
			log.error("Order {} was paid but no payment of it is recorded: refund it by hand", order.orderNo());
			return false;
		}
		requestRefund(order, payment.get(), reason, now);
		log.warn("Refund requested for transaction {} of cancelled order {} ({})", payment.get().transactionId(),
				order.orderNo(), reason);
		return true;
	}

	/**
	 * Writes {@code order.refund-requested} for the payment, marks the payment refunded
	 * and counts it, in the caller's transaction.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void requestRefund(Order order, Payment payment, String reason, Instant now) {
		this.events.refundRequested(order, payment.transactionId(), payment.amount(), payment.currency(), reason, now);
		this.records.setPaymentOutcome(payment.transactionId(), "REFUND_REQUESTED");
		this.meters.counter("order.payment.refunds", "reason", reason).increment();
	}

}
