package io.orderflow.api.order;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.order.AddressErasure;

/**
 * Erases a customer's delivery addresses everywhere this service keeps them, in one
 * transaction: the orders, the events in the outbox and the responses kept for
 * {@code Idempotency-Key} replays.
 */
@Service
class DeliveryAddressErasure {

	private final AddressErasure erasure;

	private final IdempotencyKeys idempotencyKeys;

	DeliveryAddressErasure(AddressErasure erasure, IdempotencyKeys idempotencyKeys) {
		this.erasure = erasure;
		this.idempotencyKeys = idempotencyKeys;
	}

	/**
	 * @return the numbers of the orders whose address went
	 */
	@Transactional
	List<String> erase(String customerId) {
		List<String> orderNos = this.erasure.eraseDeliveryAddresses(customerId);
		this.idempotencyKeys.redactDeliveryAddresses(orderNos);
		return orderNos;
	}

}
