package io.orderflow.order;

import java.time.Clock;
import java.time.Duration;
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
import io.orderflow.order.TransitionOutcome.Rescheduled;

/**
 * A paid order's way to completion: shipped, then completed when the customer confirms
 * receipt or, failing that, when its auto-completion timer fires. Each step is a guarded
 * update that writes its event; the customer and the timer racing to complete an order
 * produce one completion.
 */
@Service
public class OrderFulfilment {

	private static final Logger log = LoggerFactory.getLogger(OrderFulfilment.class);

	private final Orders orders;

	private final OrderEvents events;

	private final OrderTimers timers;

	private final Clock clock;

	OrderFulfilment(Orders orders, OrderEvents events, OrderTimers timers, Clock clock) {
		this.orders = orders;
		this.events = events;
		this.timers = timers;
		this.clock = clock;
	}

	/**
	 * PAID to SHIPPED; the order completes by itself {@code autoCompleteAfter} from now.
	 */
	@Transactional
	public TransitionOutcome ship(String orderNo, String carrier, String trackingNo, Duration autoCompleteAfter) {
		return ship(orderNo, carrier, trackingNo, autoCompleteAfter, ExpectedVersion.ANY);
	}

	/**
	 * PAID to SHIPPED, if the order's version is one {@code expected}; the order
	 * completes by itself {@code autoCompleteAfter} from now.
	 */
	@Transactional
	public TransitionOutcome ship(String orderNo, String carrier, String trackingNo, Duration autoCompleteAfter,
			ExpectedVersion expected) {
		Instant now = this.clock.instant();
		return this.orders.outcome(orderNo, OrderAccess.ANY_CUSTOMER, expected,
				this.orders.ship(orderNo, carrier, trackingNo, now.plus(autoCompleteAfter), expected, now), (order) -> {
					Shipment shipment = order.shipment();
					this.events.shipped(order, shipment, now);
					this.timers.scheduleAutoCompletion(order, shipment, now);
					log.info("Shipped order {} with {} {}; completes by itself at {}", orderNo, carrier, trackingNo,
							shipment.autoCompleteAt());
					return new Applied(order);
				});
	}

	/**
	 * SHIPPED to COMPLETED: the customer confirms receipt. An order outside
	 * {@code access} is an {@link TransitionOutcome.UnknownOrder}.
	 */
	@Transactional
	public TransitionOutcome confirmReceipt(String orderNo, OrderAccess access) {
		return confirmReceipt(orderNo, access, ExpectedVersion.ANY);
	}

	/**
	 * SHIPPED to COMPLETED: the customer confirms receipt of the order at a version
	 * {@code expected}.
	 */
	@Transactional
	public TransitionOutcome confirmReceipt(String orderNo, OrderAccess access, ExpectedVersion expected) {
		Instant now = this.clock.instant();
		return this.orders.outcome(orderNo, access, expected,
				this.orders.completeAtCustomerRequest(orderNo, access, expected, now), this::completed);
	}

	/**
	 * The auto-completion timer of an order arrived: complete it if it is still shipped
	 * and its time has come, or schedule a new timer if the time is still ahead.
	 */
	@Transactional
	public TransitionOutcome completeAutomatically(String orderNo) {
		return completeAutomatically(List.of(orderNo)).get(0);
	}

	/**
	 * The auto-completion timers of several orders arrived: one transaction and one
	 * guarded update for all of them, each order completed if it is still shipped and its
	 * time has come, a new timer scheduled for those whose time is still ahead.
	 * @param orderNos may name an order twice (a timer delivered twice); only its first
	 * timer can complete it
	 * @return the outcome of each timer, in the order of {@code orderNos}
	 */
	@Transactional
	public List<TransitionOutcome> completeAutomatically(List<String> orderNos) {
		Instant now = this.clock.instant();
		Map<String, TransitionOutcome> outcomes = new HashMap<>();
		for (Order order : this.orders.completeAutomatically(orderNos, now)) {
			outcomes.put(order.orderNo(), completed(order));
		}
		List<String> unchanged = orderNos.stream().filter((orderNo) -> !outcomes.containsKey(orderNo)).toList();
		for (Order order : this.orders.findByOrderNos(unchanged)) {
			Shipment shipment = order.shipment();
			if (order.status() == OrderStatus.SHIPPED && shipment != null) {
				this.timers.scheduleAutoCompletion(order, shipment, now);
				outcomes.put(order.orderNo(), new Rescheduled(order));
			}
			else {
				outcomes.put(order.orderNo(), new NotAllowed(order));
			}
		}
		return TimerOutcomes.perTimer(orderNos, outcomes);
	}

	/**
	 * The safety net for lost auto-completion timers: completes up to {@code limit}
	 * shipped orders whose auto-completion passed more than {@code grace} ago.
	 */
	@Transactional
	public List<Order> completeOrdersOverdueBy(Duration grace, int limit) {
		Instant now = this.clock.instant();
		List<Order> completed = this.orders.completeOverdueBatch(now.minus(grace), limit, now);
		for (Order order : completed) {
			completed(order);
			log.warn("Completed order {} whose auto-completion timer never arrived", order.orderNo());
		}
		return completed;
	}

	private TransitionOutcome completed(Order order) {
		Completion completion = order.completion();
		this.events.completed(order, completion, completion.completedAt());
		log.info("Completed order {} ({})", order.orderNo(), completion.completedBy());
		return new Applied(order);
	}

}
