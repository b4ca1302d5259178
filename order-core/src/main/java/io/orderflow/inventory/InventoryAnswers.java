package io.orderflow.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.orderflow.inbox.Inbox;
import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;
import io.orderflow.order.InventoryStatus;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.OrderInventory;
import io.orderflow.order.TransitionOutcome;
import io.orderflow.payment.Refunds;

/**
 * Applies inventory's answers, each in one transaction with its inbox entry: a message
 * delivered twice is applied once.
 */
@Service
public class InventoryAnswers {

	private static final Logger log = LoggerFactory.getLogger(InventoryAnswers.class);

	private final Inbox inbox;

	private final OrderInventory inventory;

	private final OrderCancellation cancellation;

	private final Refunds refunds;

	private final Clock clock;

	InventoryAnswers(Inbox inbox, OrderInventory inventory, OrderCancellation cancellation, Refunds refunds,
			Clock clock) {
		this.inbox = inbox;
		this.inventory = inventory;
		this.cancellation = cancellation;
		this.refunds = refunds;
		this.clock = clock;
	}

	@Transactional
	public void reservationRejected(String messageId, String orderNo, String reason, List<String> skus) {
		Instant now = this.clock.instant();
		if (!this.inbox.firstDelivery(messageId, InventoryReservationRejected.TYPE, now)) {
			log.info("Inventory message {} seen before; ignored", messageId);
			return;
		}
		TransitionOutcome outcome = this.cancellation.cancelOutOfStock(orderNo);
		if (outcome instanceof TransitionOutcome.Applied cancelled) {
			log.info("Order {} cancelled: out of stock ({}, {})", orderNo, reason, skus);
			if (cancelled.order().paidAt() != null) {
				this.refunds.refundPaidOrder(cancelled.order(), "OUT_OF_STOCK", now);
			}
		}
		else if (outcome instanceof TransitionOutcome.NotAllowed unchanged) {
			this.inventory.recordAnswer(orderNo, InventoryStatus.REJECTED, now);
			log.warn("Inventory rejected order {} which is {} already; nothing to cancel", orderNo,
					unchanged.order().status());
		}
		else {
			log.warn("Inventory rejected unknown order {}; ignored", orderNo);
		}
	}

	@Transactional
	public void reservationConfirmed(String messageId, String orderNo) {
		Instant now = this.clock.instant();
		if (!this.inbox.firstDelivery(messageId, InventoryReservationConfirmed.TYPE, now)) {
			log.info("Inventory message {} seen before; ignored", messageId);
			return;
		}
		if (this.inventory.recordAnswer(orderNo, InventoryStatus.RESERVED, now)) {
			log.info("Inventory reserved the stock of order {}", orderNo);
		}
		else {
			log.info("Inventory confirmed order {} which already had an answer, or does not exist; ignored", orderNo);
		}
	}

}
