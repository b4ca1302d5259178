package io.orderflow.order;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What inventory answered about an order's stock. An answer that cancels the order is
 * {@link OrderCancellation#cancelOutOfStock}.
 */
@Service
public class OrderInventory {

	private final Orders orders;

	OrderInventory(Orders orders) {
		this.orders = orders;
	}

	/**
	 * Records inventory's first answer about the order; a later or repeated one changes
	 * nothing.
	 * @return whether this was the order's first answer
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean recordAnswer(String orderNo, InventoryStatus status, Instant now) {
		return this.orders.recordInventoryStatus(orderNo, status, now);
	}

}
