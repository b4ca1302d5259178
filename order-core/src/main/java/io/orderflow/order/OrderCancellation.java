package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

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

	private static final Duration NOTABLE_SKEW = Duration.ofSeconds(1);

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
			outcomes.put(order.orderNo(), cancelled(order, now));
		}
		List<String> unchanged = orderNos.stream().filter((orderNo) -> !outcomes.containsKey(orderNo)).toList();
		List<Order> unchangedOrders = this.orders.findByOrderNos(unchanged);
		Duration aheadOfDatabase = unchangedOrders.stream().anyMatch(Order::isAwaitingPayment)
				? aheadOf(this.orders.databaseTime(), now) : Duration.ZERO;
		for (Order order : unchangedOrders) {
			outcomes.put(order.orderNo(),
					order.isAwaitingPayment() ? rescheduled(order, aheadOfDatabase, now) : new NotAllowed(order));
		}
		return TimerOutcomes.perTimer(orderNos, outcomes);
	}

	/**
	 * How far {@code hostNow} runs ahead of {@code databaseNow}; zero when it does not.
	 * The new timer of an order the database found not yet due is delivered that much
	 * later by this host's clock, which holds it until then: by the database's clock, at
	 * the deadline, instead of coming back at once again and again until the database's
	 * clock has caught up.
	 */
	static Duration aheadOf(Instant databaseNow, Instant hostNow) {
		Duration ahead = Duration.between(databaseNow, hostNow);
		return ahead.isNegative() ? Duration.ZERO : ahead;
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

	private TransitionOutcome rescheduled(Order order, Duration aheadOfDatabase, Instant now) {
		this.timers.schedulePaymentTimeout(order, order.paymentDeadline().plus(aheadOfDatabase), now);
		if (aheadOfDatabase.isZero()) {
			log.info("Payment timer of order {} arrived {} before its deadline; scheduled a new one", order.orderNo(),
					Duration.between(now, order.paymentDeadline()));
		}
		else {
			// a few milliseconds between synchronised hosts are normal; seconds are not
			boolean skewed = aheadOfDatabase.compareTo(NOTABLE_SKEW) >= 0;
			log.atLevel(skewed ? Level.WARN : Level.INFO)
				.log("Payment timer of order {} is due by this host's clock but not by the database's, which runs {} "
						+ "behind; scheduled a new one for the deadline by the database's clock", order.orderNo(),
						aheadOfDatabase);
		}
		return new Rescheduled(order);
	}

	private TransitionOutcome cancelled(Order order, Instant now) {
		this.events.cancelled(order, now);
		log.info("Cancelled order {} ({}), {} after its payment deadline", order.orderNo(), order.cancelReason(),
				Duration.between(order.paymentDeadline(), now));
		return new Applied(order);
	}

}
