package io.orderflow.order;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.orderflow.order.TransitionOutcome.Applied;
import io.orderflow.order.TransitionOutcome.NotAllowed;
import io.orderflow.order.TransitionOutcome.UnknownOrder;

/**
 * Hands back what a batch of timers came to, one outcome per timer in the order the
 * timers came, from the outcomes found per order.
 */
final class TimerOutcomes {

	private TimerOutcomes() {
	}

	/**
	 * The outcome of each timer of a batch, in the order of {@code orderNos}. A timer
	 * whose order the batch did not find names an unknown order; a second timer for the
	 * same order changed nothing when the first one changed it.
	 * @param byOrder the outcome of each order the batch found
	 */
	static List<TransitionOutcome> perTimer(List<String> orderNos, Map<String, TransitionOutcome> byOrder) {
		Set<String> seen = new HashSet<>();
		return orderNos.stream().map((orderNo) -> {
			TransitionOutcome outcome = byOrder.containsKey(orderNo) ? byOrder.get(orderNo) : new UnknownOrder(orderNo);
			return (seen.add(orderNo) || !(outcome instanceof Applied applied)) ? outcome
					: new NotAllowed(applied.order());
		}).toList();
	}

}
