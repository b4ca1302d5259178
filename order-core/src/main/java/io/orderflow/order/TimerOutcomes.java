package io.orderflow.order;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Hands back what a batch of timers came to, one outcome per timer in the order the
 * timers came, from the outcomes found per order.
 */
final class TimerOutcomes {

	private TimerOutcomes() {
	}

	/**
	 * @param byOrder the outcome of each order the batch found
	 * @param unknown the outcome of a timer whose order does not exist
	 * @param repeated what a second timer for the same order came to, given the first
	 * one's outcome (when the first changed the order, the second changed nothing)
	 */
	static <O> List<O> perTimer(List<String> orderNos, Map<String, O> byOrder, Function<String, O> unknown,
			UnaryOperator<O> repeated) {
		Set<String> seen = new HashSet<>();
		return orderNos.stream().map((orderNo) -> {
			O outcome = byOrder.containsKey(orderNo) ? byOrder.get(orderNo) : unknown.apply(orderNo);
			return seen.add(orderNo) ? outcome : repeated.apply(outcome);
		}).toList();
	}

}
