package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.CancellationOutcome.Cancelled;
import io.orderflow.order.CancellationOutcome.NotAwaitingPayment;
import io.orderflow.order.CancellationOutcome.Rescheduled;
import io.orderflow.order.CancellationOutcome.UnknownOrder;

/**
 * Cancels orders that are still awaiting payment. Whoever commits first wins: the guarded
 * update lets exactly one of a customer's cancel, a payment timeout (and a payment)
 * change the order, and only the winner writes an event.
 */
@Service
public class OrderCancellation {

	private static final Logger log = LoggerFactory.getLogger(OrderCancellation.class);

	private final Orders orders;

	private final OrderEvents events;

	private final OrderTimers timers;

	private final Clock clock;

	OrderCancellation(Orders orders, OrderEvents events, OrderTimers timers, Clock clock) {
		this.orders = orders;
		this.events = events;
		this.timers = timers;
		this.clock = clock;
	}

	/**
	 * The customer changed their mind before paying (and asked themselves or through
	 * support, as {@code access} says). An order outside {@code access} is an
	 * {@link UnknownOrder}.
	 */
	@Transactional
	public CancellationOutcome cancelAtCustomerRequest(String orderNo, OrderAccess access) {
		Instant now = now();
		return this.orders.cancelAwaitingPayment(orderNo, access, CancelReason.CUSTOMER_REQUEST, now)
			.map((order) -> cancelled(order, now))
			.orElseGet(() -> unchanged(orderNo, access));
	}

	/**
	 * The payment timer of an order arrived: cancel it if it is still unpaid and its
	 * deadline has passed, or schedule a new timer if the deadline is still ahead.
	 */
	@Transactional
	public CancellationOutcome cancelForPaymentTimeout(String orderNo) {
		return cancelForPaymentTimeout(List.of(orderNo)).get(0);
	}

	/**
	 * The payment timers of several orders arrived: one transaction and one guarded
	 * update for all of them, each order cancelled if it is still unpaid and its deadline
	 * has passed, a new timer scheduled for those whose deadline is still ahead.
	 * @param orderNos may name an order twice (a timer delivered twice); only its first
	 * timer can cancel it
	 * @return the outcome of each timer, in the order of {@code orderNos}
	 */
	@Transactional
	public List<CancellationOutcome> cancelForPaymentTimeout(List<String> orderNos) {
		Instant now = now();
		Map<String, CancellationOutcome> outcomes = new HashMap<>();
		for (Order order : this.orders.cancelOverdue(orderNos, now)) {
			outcomes.put(order.orderNo(), cancelled(order, now));
		}
		List<String> unchanged = orderNos.stream().filter((orderNo) -> !outcomes.containsKey(orderNo)).toList();
		for (Order order : this.orders.findByOrderNos(unchanged)) {
			outcomes.put(order.orderNo(),
					order.isAwaitingPayment() ? rescheduled(order, now) : new NotAwaitingPayment(order));
		}
		return TimerOutcomes.perTimer(orderNos, outcomes, UnknownOrder::new,
				(first) -> (first instanceof Cancelled cancelled) ? new NotAwaitingPayment(cancelled.order()) : first);
	}

	/**
	 * Inventory has no stock for the order: cancel it if it is not shipped yet. The
	 * caller requests the refund of a paid order ({@code paidAt} set).
	 */
	@Transactional
	public CancellationOutcome cancelOutOfStock(String orderNo) {
		Instant now = now();
		return this.orders.cancelOutOfStock(orderNo, now)
			.map((order) -> cancelled(order, now))
			.orElseGet(() -> unchanged(orderNo, OrderAccess.ANY_CUSTOMER));
	}

	/**
	 * The safety net for lost timers: cancels up to {@code limit} unpaid orders whose
	 * deadline passed more than {@code grace} ago. In a healthy system it finds none.
	 */
	@Transactional
	public List<Order> cancelOrdersOverdueBy(Duration grace, int limit) {
		Instant now = now();
		List<Order> cancelled = this.orders.cancelOverdueBatch(now.minus(grace), limit, now);
		for (Order order : cancelled) {
			this.events.cancelled(order, now);
			log.warn("Cancelled order {} whose payment timer never arrived, {} after its deadline", order.orderNo(),
					Duration.between(order.paymentDeadline(), now));
		}
		return cancelled;
	}

	private CancellationOutcome rescheduled(Order order, Instant now) {
		this.timers.schedulePaymentTimeout(order, now);
		log.info("Payment timer of order {} arrived {} before its deadline; scheduled a new one", order.orderNo(),
				Duration.between(now, order.paymentDeadline()));
		return new Rescheduled(order);
	}

	private CancellationOutcome cancelled(Order order, Instant now) {
		this.events.cancelled(order, now);
		log.info("Cancelled order {} ({}), {} after its payment deadline", order.orderNo(), order.cancelReason(),
				Duration.between(order.paymentDeadline(), now));
		return new Cancelled(order);
	}

	private CancellationOutcome unchanged(String orderNo, OrderAccess access) {
		return this.orders.findByOrderNo(orderNo, access)
			.<CancellationOutcome>map(NotAwaitingPayment::new)
			.orElseGet(() -> new UnknownOrder(orderNo));
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MILLIS);
	}

}
