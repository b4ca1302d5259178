package io.orderflow.order;

import java.time.Clock;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Reads orders the way clients must see them: an order past its payment deadline is never
 * shown as payable. If its timer is late, reading it cancels it on the spot, with the
 * same guarded update the timer would run (the timer then finds nothing to do).
 */
@Service
public class OrderLookup {

	private final Orders orders;

	private final OrderCancellation cancellation;

	private final Clock clock;

	OrderLookup(Orders orders, OrderCancellation cancellation, Clock clock) {
		this.orders = orders;
		this.cancellation = cancellation;
		this.clock = clock;
	}

	/**
	 * The order as it is stored, past its deadline or not: for callers that decide about
	 * payment themselves (a payment may still win against a late timer).
	 */
	public Optional<Order> findAsStored(String orderNo) {
		return this.orders.findByOrderNo(orderNo);
	}

	/** The order, if it exists and {@code access} covers it. */
	public Optional<Order> find(String orderNo, OrderAccess access) {
		return this.orders.findByOrderNo(orderNo, access).map(this::expireIfOverdue);
	}

	/**
	 * The order as clients must see it, once its owner was checked (it comes from a page
	 * of that owner's orders).
	 */
	public Order expireIfOverdue(Order order) {
		if (!order.isPaymentOverdue(this.clock.instant())) {
			return order;
		}
		// as it is now: cancelled here, or paid or cancelled meanwhile, or not yet due by
		// the database's clock
		return this.cancellation.cancelIfOverdue(order.orderNo())
			.or(() -> this.orders.findByOrderNo(order.orderNo()))
			.orElse(order);
	}

}
