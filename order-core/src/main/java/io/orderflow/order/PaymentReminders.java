package io.orderflow.order;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.TransitionOutcome.Applied;
import io.orderflow.order.TransitionOutcome.NotAllowed;

/**
 * Reminds customers of orders they have not paid yet: {@code order.payment-reminder},
 * written with the stamp that makes it the order's only one, for an order still awaiting
 * payment before its deadline; nothing for an order paid, cancelled, reminded already or
 * past its deadline.
 */
@Service
public class PaymentReminders {

	private static final Logger log = LoggerFactory.getLogger(PaymentReminders.class);

	private final Orders orders;

	private final OrderEvents events;

	private final Clock clock;

	PaymentReminders(Orders orders, OrderEvents events, Clock clock) {
		this.orders = orders;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * The reminder timers of several orders are due: one transaction and one guarded
	 * update for all of them.
	 * @param orderNos may name an order twice (a timer delivered twice); only its first
	 * timer reminds
	 * @return per timer, in the order of {@code orderNos}: {@link Applied} when the
	 * reminder was written, {@link NotAllowed} when the order needs none (any more)
	 */
	@Transactional
	public List<TransitionOutcome> remind(List<String> orderNos) {
		Instant now = this.clock.instant();
		Map<String, TransitionOutcome> outcomes = new HashMap<>();
		for (Order order : this.orders.remindOfPayment(orderNos, now)) {
			this.events.paymentReminder(order, now);
			log.info("Reminded customer {} to pay order {} by {}", order.customerId(), order.orderNo(),
					order.paymentDeadline());
			outcomes.put(order.orderNo(), new Applied(order));
		}
		List<String> unchanged = orderNos.stream().filter((orderNo) -> !outcomes.containsKey(orderNo)).toList();
		for (Order order : this.orders.findByOrderNos(unchanged)) {
			outcomes.put(order.orderNo(), new NotAllowed(order));
		}
		return TimerOutcomes.perTimer(orderNos, outcomes);
	}

}
