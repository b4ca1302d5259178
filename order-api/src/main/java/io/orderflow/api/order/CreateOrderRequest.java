package io.orderflow.api.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Currency;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import io.orderflow.api.web.CurrencyCode;
import io.orderflow.api.web.Printable;
import io.orderflow.order.NewOrder;
import io.orderflow.order.OrderLine;

/**
 * Body of {@code POST /api/orders}.
 */
@Schema(name = "NewOrder")
record CreateOrderRequest(@NotBlank @Size(max = 64) @Printable @Schema(example = "c-42") String customerId,
		@NotNull @CurrencyCode @Schema(example = "CNY", description = "ISO 4217 code") String currency,
		@NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items,
		@Schema(type = "string", format = "duration", example = "PT30M",
				description = "ISO-8601 duration; the configured default when absent") @AllowedPaymentTimeout @Nullable Duration paymentTimeout,
		@Valid @Schema(
				description = "where to ship the goods; absent for orders that need no delivery") @Nullable DeliveryAddressBody deliveryAddress) {

	@Schema(name = "NewOrderItem")
	record Item(@NotBlank @Size(max = 64) @Printable @Schema(example = "SKU-1") String sku,
			@NotNull @Min(1) @Max(10000) @Schema(example = "2") Integer quantity,
			@NotNull @DecimalMin("0.00") @Digits(integer = 17, fraction = 2) @Schema(type = "string", example = "19.90",
					description = "decimal string, at most 2 decimal places") BigDecimal unitPrice) {

	}

	/** What the order will cost: the sum of quantity times unit price. */
	BigDecimal total() {
		return this.items.stream()
			.map((item) -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	Duration paymentTimeoutOr(Duration defaultTimeout) {
		return (this.paymentTimeout != null) ? this.paymentTimeout : defaultTimeout;
	}

	NewOrder toNewOrder(Duration resolvedPaymentTimeout) {
		List<OrderLine> lines = this.items.stream()
			.map((item) -> new OrderLine(item.sku(), item.quantity(), item.unitPrice()))
			.toList();
		return new NewOrder(this.customerId, Currency.getInstance(this.currency), lines, resolvedPaymentTimeout,
				(this.deliveryAddress != null) ? this.deliveryAddress.toDeliveryAddress() : null);
	}

}
