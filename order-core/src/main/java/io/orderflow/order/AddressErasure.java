package io.orderflow.order;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.messaging.OrderPaid;
import io.orderflow.outbox.Outbox;

/**
 * Erases a customer's delivery addresses when they ask: the orders are kept, the
 * addresses go from the orders and from the {@code order.paid} events the outbox still
 * holds. Subscribers that received an event keep their copy; erasing it there is theirs
 * to do.
 */
@Service
public class AddressErasure {

	private static final Logger log = LoggerFactory.getLogger(AddressErasure.class);

	private final Orders orders;

	private final Outbox outbox;

	private final Clock clock;

	AddressErasure(Orders orders, Outbox outbox, Clock clock) {
		this.orders = orders;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Runs in the caller's transaction, which may erase copies of its own (stored
	 * responses, say).
	 * @return the numbers of the orders whose address it erased; none when the customer
	 * has no address left
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<String> eraseDeliveryAddresses(String customerId) {
		List<String> orderNos = this.orders.eraseDeliveryAddresses(customerId, this.clock.instant());
		int events = this.outbox.redactEventField(OrderPaid.TYPE, orderNos, "deliveryAddress");
		log.info("Erased the delivery addresses of {} orders of customer {} ({} events redacted)", orderNos.size(),
				customerId, events);
		return orderNos;
	}

}
