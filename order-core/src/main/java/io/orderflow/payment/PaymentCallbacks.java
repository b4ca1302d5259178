package io.orderflow.payment;

import java.time.Clock;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.OrderPayment;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TransitionOutcome;
import io.orderflow.payment.PaymentOutcome.AlreadyApplied;
import io.orderflow.payment.PaymentOutcome.Anomaly;
import io.orderflow.payment.PaymentOutcome.FailureRecorded;
import io.orderflow.payment.PaymentOutcome.Paid;
import io.orderflow.payment.PaymentOutcome.Rejected;
import io.orderflow.payment.PaymentRecords.Payment;

/**
 * Applies what the payment gateway reports, in one transaction per notification.
 *
 * <p>
 * A successful payment marks the order paid with the same kind of guarded update the
 * timeout uses to cancel it; whichever commits first wins. A payment that arrives for an
 * order already cancelled (or already paid by another transaction) does not revive it:
 * the money is refunded, with exactly one {@code order.refund-requested} per transaction.
 */
@Service
public class PaymentCallbacks {

	private static final Logger log = LoggerFactory.getLogger(PaymentCallbacks.class);

	private final OrderLookup lookup;

	private final OrderPayment payment;

	private final Refunds refunds;

	private final PaymentRecords records;

	private final MeterRegistry meters;

	private final Clock clock;

	PaymentCallbacks(OrderLookup lookup, OrderPayment payment, Refunds refunds, PaymentRecords records,
			MeterRegistry meters, Clock clock) {
		this.lookup = lookup;
		this.payment = payment;
		this.refunds = refunds;
		this.records = records;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * @param payload the notification as received, kept with any anomaly for
	 * reconciliation
	 */
	@Transactional
	public PaymentOutcome apply(PaymentNotification notification, String payload) {
		Instant now = this.clock.instant();
		if (this.records.isCallbackSeen(notification.eventId())) {
			return new AlreadyApplied("event " + notification.eventId());
		}
		Order order = this.lookup.findAsStored(notification.orderNo()).orElse(null);
		if (order == null) {
			return reject(notification, Anomaly.UNKNOWN_ORDER, "there is no order " + notification.orderNo(), payload,
					now);
		}
		if (order.isFree()) {
			return reject(notification, Anomaly.NO_PAYMENT_EXPECTED,
					"order " + order.orderNo() + " costs nothing and was paid when it was placed", payload, now);
		}
		if (order.totalAmount().compareTo(notification.amount()) != 0
				|| !order.currency().equals(notification.currency())) {
			return reject(notification, Anomaly.AMOUNT_MISMATCH,
					"order " + order.orderNo() + " is " + order.totalAmount() + " " + order.currency() + ", payment is "
							+ notification.amount() + " " + notification.currency(),
					payload, now);
		}
		if (!this.records.recordCallback(notification, now)) {
			return new AlreadyApplied("event " + notification.eventId());
		}
		if (notification.type() == PaymentNotification.Type.FAILED) {
			log.info("Payment {} of order {} failed; the order stays payable until {}", notification.transactionId(),
					order.orderNo(), order.paymentDeadline());
			return new FailureRecorded(order);
		}
		if (!this.records.recordPayment(notification, now)) {
			return new AlreadyApplied("transaction " + notification.transactionId());
		}
		TransitionOutcome outcome = this.payment.pay(order.orderNo(), notification.transactionId(), now);
		if (outcome instanceof TransitionOutcome.Applied paid) {
			return paid(paid.order(), notification);
		}
		if (outcome instanceof TransitionOutcome.NotAllowed unpayable) {
			return refund(unpayable.order(), notification, now);
		}
		throw new IllegalStateException("Order " + order.orderNo() + " vanished while being paid: " + outcome);
	}

	private PaymentOutcome paid(Order order, PaymentNotification notification) {
		this.records.setPaymentOutcome(notification.transactionId(), "PAID_ORDER");
		log.info("Order {} paid by transaction {}", order.orderNo(), notification.transactionId());
		return new Paid(order);
	}

	private PaymentOutcome refund(Order order, PaymentNotification notification, Instant now) {
		String reason = (order.status() == OrderStatus.CANCELLED) ? "ORDER_CANCELLED" : "DUPLICATE_PAYMENT";
		this.refunds.requestRefund(order,
				new Payment(notification.transactionId(), notification.amount(), notification.currency()), reason, now);
		log.warn("Payment {} of {} {} arrived for order {} which is {} ({}); refund requested",
				notification.transactionId(), notification.amount(), notification.currency(), order.orderNo(),
				order.status(), reason);
		return new PaymentOutcome.RefundRequested(order, reason);
	}

	private PaymentOutcome reject(PaymentNotification notification, Anomaly kind, String detail, String payload,
			Instant now) {
		this.records.recordAnomaly(notification, kind, detail, payload, now);
		this.meters.counter("order.payment.anomalies", "kind", kind.name()).increment();
		log.warn("Payment callback {} rejected ({}): {}", notification.eventId(), kind, detail);
		return new Rejected(kind, detail);
	}

}
