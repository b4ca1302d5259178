package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.TransitionOutcome.Applied;
import io.orderflow.order.TransitionOutcome.NotAllowed;
import io.orderflow.order.TransitionOutcome.Rescheduled;

/**
 * Cancels orders that are not shipped yet. Whoever commits first wins: the guarded update
 * lets exactly one of a customer's cancel, a payment timeout, a payment, a shipment and
 * an out-of-stock answer change the order, and only the winner writes an event.
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
	 * The customer changed their mind before shipment (and asked themselves or through
	 * support, as {@code access} says): the order is cancelled if it awaits payment or is
	 * paid and not shipped, and its version is one {@code expected}. An order outside
	 * {@code access} is an {@link TransitionOutcome.UnknownOrder}.
	 * <p>
	 * Runs in the caller's transaction, which refunds a paid order
	 * ({@code io.orderflow.payment.CustomerCancellation}): a cancelled paid order without
	 * its refund must never commit.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public TransitionOutcome cancelAtCustomerRequest(String orderNo, OrderAccess access, ExpectedVersion expected) {
		Instant now = this.clock.instant();
		return this.orders.outcome(orderNo, access, expected,
				this.orders.cancelAtCustomerRequest(orderNo, access, expected, now), (order) -> cancelled(order, now));
	}

	/**
	 * The payment timer of an order arrived: cancel it if it is still unpaid and its
	 * deadline has passed, or schedule a new timer if the deadline is still ahead.
	 */
	@Transactional
	public TransitionOutcome cancelForPaymentTimeout(String orderNo) {
		return cancelForPaymentTimeout(List.of(orderNo)).get(0);
	}

	/**
	 * A read found the order unpaid past its deadline by this host's clock: cancel it if
	 * it still is by the database's. Nothing else: its timer is on its way, and a host a
	 * little ahead of the database must not write a new one on every read in the last
	 * moments before the deadline.
	 * @return the order cancelled, or nothing when it was not (paid, cancelled, or not
	 * yet due by the database's clock)
	 */
	@Transactional
	public Optional<Order> cancelIfOverdue(String orderNo) {
		Instant now = this.clock.instant();
		List<Order> cancelled = this.orders.cancelOverdue(List.of(orderNo), now);
		cancelled.forEach((order) -> cancelled(order, cancelledAt(order, now)));
		return cancelled.stream().findFirst();
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
	public List<TransitionOutcome> cancelForPaymentTimeout(List<String> orderNos) {
		Instant now = this.clock.instant();
		Map<String, TransitionOutcome> outcomes = new HashMap<>();
		for (Order order : this.orders.cancelOverdue(orderNos, now)) {
			outcomes.put(order.orderNo(), cancelled(order, cancelledAt(order, now)));
		}
		List<String> unchanged = orderNos.stream().filter((orderNo) -> !outcomes.containsKey(orderNo)).toList();
		for (Order order : this.orders.findByOrderNos(unchanged)) {
			outcomes.put(order.orderNo(), order.isAwaitingPayment() ? rescheduled(order, now) : new NotAllowed(order));
		}
		return TimerOutcomes.perTimer(orderNos, outcomes);
	}

	/**
	 * Inventory has no stock for the order: cancel it if it is not shipped yet. The
	 * caller requests the refund of a paid order ({@code paidAt} set).
	 */
	@Transactional
	public TransitionOutcome cancelOutOfStock(String orderNo) {
		Instant now = this.clock.instant();
		return this.orders.outcome(orderNo, OrderAccess.ANY_CUSTOMER, this.orders.cancelOutOfStock(orderNo, now),
				(order) -> cancelled(order, now));
	}

	/**
	 * The safety net for lost timers: cancels up to {@code limit} unpaid orders whose
	 * deadline passed more than {@code grace} ago. In a healthy system it finds none.
	 */
	@Transactional
	public List<Order> cancelOrdersOverdueBy(Duration grace, int limit) {
		Instant now = this.clock.instant();
		List<Order> cancelled = this.orders.cancelOverdueBatch(now.minus(grace), limit, now);
		for (Order order : cancelled) {
			this.events.cancelled(order, now);
			log.warn("Cancelled order {} whose payment timer never arrived, {} after its deadline", order.orderNo(),
					Duration.between(order.paymentDeadline(), now));
		}
		return cancelled;
	}

	private TransitionOutcome rescheduled(Order order, Instant now) {
		this.timers.schedulePaymentTimeout(order, now);
		if (now.isBefore(order.paymentDeadline())) {
			log.info("Payment timer of order {} arrived {} before its deadline; scheduled a new one", order.orderNo(),
					Duration.between(now, order.paymentDeadline()));
		}
		else {
			// the host that holds timers runs ahead of the database by more than its
			// DatabaseClock estimate
			log.info("Payment timer of order {} is due by this host's clock but not yet by the database's; scheduled "
					+ "a new one", order.orderNo());
		}
		return new Rescheduled(order);
	}

	/** When the guarded update says it cancelled the order: its event says the same. */
	private static Instant cancelledAt(Order order, Instant now) {
		return (order.cancelledAt() != null) ? order.cancelledAt() : now;
	}

	private TransitionOutcome cancelled(Order order, Instant now) {
		this.events.cancelled(order, now);
		log.info("Cancelled order {} ({}), {} after its payment deadline", order.orderNo(), order.cancelReason(),
				Duration.between(order.paymentDeadline(), now));
		return new Applied(order);
	}

}
