package io.orderflow.order;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: stores the order, its {@code order.created} event and its payment timer
 * in one transaction.
 */
@Service
public class OrderPlacement {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

	private final Orders orders;

	private final OrderNumbers orderNumbers;

	private final OrderEvents events;

	private final OrderTimers timers;

	private final Clock clock;

	OrderPlacement(Orders orders, OrderNumbers orderNumbers, OrderEvents events, OrderTimers timers, Clock clock) {
		this.orders = orders;
		this.orderNumbers = orderNumbers;
		this.events = events;
		this.timers = timers;
		this.clock = clock;
	}

	@Transactional
	public Order place(NewOrder newOrder) {
		// PostgreSQL keeps microseconds; milliseconds keep the API's timestamps short and
		// exact.
		Instant now = this.clock.instant();
		Order order = Order.placed(this.orderNumbers.next(now), newOrder, now);
		this.orders.insert(order);
		this.events.created(order, now);
		this.timers.schedulePaymentTimeout(order, now);
		log.info("Placed order {} for customer {}: {} {}, payment due by {}", order.orderNo(), order.customerId(),
				order.totalAmount(), order.currency(), order.paymentDeadline());
		return order;
	}

}
