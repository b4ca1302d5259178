package io.orderflow.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An order as stored. Immutable: state changes are guarded updates in {@link Orders},
 * which return the order as it is afterwards.
 */
public record Order(String orderNo, String customerId, OrderStatus status, @Nullable CancelReason cancelReason,
		Currency currency, BigDecimal totalAmount, List<OrderLine> items, Instant createdAt, Instant paymentDeadline,
		@Nullable Instant paidAt, @Nullable Instant cancelledAt, @Nullable Shipment shipment,
		@Nullable Completion completion, @Nullable InventoryStatus inventoryStatus, long version,
		@Nullable DeliveryAddress deliveryAddress, @Nullable Instant deliveryAddressErasedAt,
		@Nullable Instant paymentReminderSentAt) {

	/**
	 * The version of an order just placed, which its {@code order.created} carries. An
	 * order that costs nothing is paid at once: it is stored one version later, which its
	 * {@code order.paid} carries.
	 */
	public static final long FIRST_VERSION = 1;

	public Order {
		items = List.copyOf(items);
	}

	/**
	 * An order that was never shipped nor completed, and that inventory has not answered.
	 */
	public Order(String orderNo, String customerId, OrderStatus status, @Nullable CancelReason cancelReason,
			Currency currency, BigDecimal totalAmount, List<OrderLine> items, Instant createdAt,
			Instant paymentDeadline, @Nullable Instant paidAt, @Nullable Instant cancelledAt) {
		this(orderNo, customerId, status, cancelReason, currency, totalAmount, items, createdAt, paymentDeadline,
				paidAt, cancelledAt, null, null, null, FIRST_VERSION, null, null, null);
	}

	/**
	 * The order as placed: awaiting payment, or paid at once when it costs nothing (a
	 * free gift, a fully discounted cart), since no payment will ever come.
	 */
	static Order placed(String orderNo, NewOrder newOrder, Instant now) {
		BigDecimal total = Amounts
			.twoDecimals(newOrder.items().stream().map(OrderLine::lineTotal).reduce(BigDecimal.ZERO, BigDecimal::add));
		boolean free = total.signum() == 0;
		return new Order(orderNo, newOrder.customerId(), free ? OrderStatus.PAID : OrderStatus.PENDING_PAYMENT, null,
				newOrder.currency(), total, newOrder.items(), now, now.plus(newOrder.paymentTimeout()),
				free ? now : null, null, null, null, null, free ? FIRST_VERSION + 1 : FIRST_VERSION,
				newOrder.deliveryAddress(), null, null);
	}

	/** Costs nothing: placed paid, and no payment is expected for it. */
	public boolean isFree() {
		return this.totalAmount.signum() == 0;
	}

	public boolean isAwaitingPayment() {
		return this.status == OrderStatus.PENDING_PAYMENT;
	}

	/**
	 * Still awaiting payment although its deadline has passed: its timer is late or lost.
	 */
	public boolean isPaymentOverdue(Instant now) {
		return isAwaitingPayment() && !this.paymentDeadline.isAfter(now);
	}

	Order withItems(List<OrderLine> items) {
		return new Order(this.orderNo, this.customerId, this.status, this.cancelReason, this.currency, this.totalAmount,
				items, this.createdAt, this.paymentDeadline, this.paidAt, this.cancelledAt, this.shipment,
				this.completion, this.inventoryStatus, this.version, this.deliveryAddress, this.deliveryAddressErasedAt,
				this.paymentReminderSentAt);
	}

}
