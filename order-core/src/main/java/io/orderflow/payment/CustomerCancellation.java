package io.orderflow.payment;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.ExpectedVersion;
import io.orderflow.order.OrderAccess;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.TransitionOutcome;

/**
 * A customer cancels an order before shipment. An order already paid is refunded in the
 * same transaction: {@code order.cancelled} and {@code order.refund-requested} commit
 * together or not at all. Racing the warehouse's shipment, one of the two wins and the
 * other changes nothing.
 */
@Service
public class CustomerCancellation {

	/** The {@code reason} of the refund of an order its customer cancelled. */
	public static final String REFUND_REASON = "CUSTOMER_REQUEST";

	private final OrderCancellation cancellation;

	private final Refunds refunds;

	private final Clock clock;

	CustomerCancellation(OrderCancellation cancellation, Refunds refunds, Clock clock) {
		this.cancellation = cancellation;
		this.refunds = refunds;
		this.clock = clock;
	}

	/**
	 * Cancels the order if it awaits payment or is paid and not shipped, {@code access}
	 * covers it and its version is one {@code expected}; refunds it if it was paid.
	 */
	@Transactional
	public TransitionOutcome cancel(String orderNo, OrderAccess access, ExpectedVersion expected) {
		TransitionOutcome outcome = this.cancellation.cancelAtCustomerRequest(orderNo, access, expected);
		if (outcome instanceof TransitionOutcome.Applied cancelled && cancelled.order().paidAt() != null
				&& !this.refunds.refundPaidOrder(cancelled.order(), REFUND_REASON, this.clock.instant())) {
			// rolls the cancellation back: a paid order is never cancelled without its
			// refund
			throw new IllegalStateException("Order " + orderNo + " is paid but its payment is not recorded; "
					+ "not cancelling it without a refund");
		}
		return outcome;
	}

	/**
	 * Cancels the order whatever its version; see
	 * {@link #cancel(String, OrderAccess, ExpectedVersion)}.
	 */
	@Transactional
	public TransitionOutcome cancel(String orderNo, OrderAccess access) {
		return cancel(orderNo, access, ExpectedVersion.ANY);
	}

}
