package io.orderflow.api.order;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import io.orderflow.order.CancelReason;
import io.orderflow.order.Completion;
import io.orderflow.order.Completion.CompletedBy;
import io.orderflow.order.InventoryStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.Shipment;

/**
 * An order as the API shows it. Amounts are decimal strings with two places; timestamps
 * are RFC 3339 in UTC.
 */
@Schema(name = "Order")
record OrderResponse(String orderNo, String customerId, OrderStatus status, @Nullable CancelReason cancelReason,
		String currency, @Schema(example = "39.80") String totalAmount, List<Item> items, Instant createdAt,
		Instant paymentDeadline, @Nullable Instant paidAt, @Nullable Instant cancelledAt, @Nullable Shipment shipment,
		@Nullable Instant completedAt, @Nullable CompletedBy completedBy, @Nullable InventoryStatus inventoryStatus,
		@Schema(example = "1",
				description = "incremented by every change of the order; the ETag of the order is this number in quotes") long version,
		@Nullable DeliveryAddressBody deliveryAddress,
		@Schema(description = "when the delivery address was erased at the customer's request") @Nullable Instant deliveryAddressErasedAt,
		@Schema(description = "when order.payment-reminder was published for the order") @Nullable Instant paymentReminderSentAt) {

	@Schema(name = "OrderItem")
	record Item(String sku, int quantity, @Schema(example = "19.90") String unitPrice,
			@Schema(example = "39.80") String lineTotal) {
	}

	static OrderResponse of(Order order) {
		List<Item> items = order.items()
			.stream()
			.map((line) -> new Item(line.sku(), line.quantity(), line.unitPrice().toPlainString(),
					line.lineTotal().toPlainString()))
			.toList();
		Completion completion = order.completion();
		return new OrderResponse(order.orderNo(), order.customerId(), order.status(), order.cancelReason(),
				order.currency().getCurrencyCode(), order.totalAmount().toPlainString(), items, order.createdAt(),
				order.paymentDeadline(), order.paidAt(), order.cancelledAt(), order.shipment(),
				(completion != null) ? completion.completedAt() : null,
				(completion != null) ? completion.completedBy() : null, order.inventoryStatus(), order.version(),
				DeliveryAddressBody.of(order.deliveryAddress()), order.deliveryAddressErasedAt(),
				order.paymentReminderSentAt());
	}

}
