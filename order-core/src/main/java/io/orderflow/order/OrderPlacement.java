package io.orderflow.order;

import java.time.Clock;
import java.time.Instant;

import io.orderflow.PaymentReminderProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Places orders: stores the order, its {@code order.created} event, its payment timer and
 * its payment reminder in one transaction. An order that costs nothing is paid as it is
 * placed ({@code order.paid} instead of timers): no payment will ever come for it.
 */
@Service
public class OrderPlacement {

	private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

	private final Orders orders;

	private final OrderNumbers orderNumbers;

	private final OrderEvents events;

	private final OrderTimers timers;

	private final PaymentReminderProperties reminders;

	private final Clock clock;

	OrderPlacement(Orders orders, OrderNumbers orderNumbers, OrderEvents events, OrderTimers timers,
			PaymentReminderProperties reminders, Clock clock) {
		this.orders = orders;
		this.orderNumbers = orderNumbers;
		this.events = events;
		this.timers = timers;
		this.reminders = reminders;
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
		if (order.isFree()) {
			this.events.paid(order, null, now);
			log.info("Placed order {} for customer {}: it costs nothing, so it is paid", order.orderNo(),
					order.customerId());
			return order;
		}
		this.timers.schedulePaymentTimeout(order, now);
		this.timers.schedulePaymentReminder(order, this.reminders.beforeDeadline(), now);
		log.info("Placed order {} for customer {}: {} {}, payment due by {}", order.orderNo(), order.customerId(),
				order.totalAmount(), order.currency(), order.paymentDeadline());
		return order;
	}

}
