package io.orderflow.order;

import java.time.Duration;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a customer asks for when placing an order. Input validation happened at the edge;
 * this only refuses what would break the domain.
 */
public record NewOrder(String customerId, Currency currency, List<OrderLine> items, Duration paymentTimeout,
		@Nullable DeliveryAddress deliveryAddress) {

	public NewOrder {
		if (items.isEmpty()) {
			throw new IllegalArgumentException("an order needs at least one item");
		}
		if (paymentTimeout.isNegative() || paymentTimeout.isZero()) {
			throw new IllegalArgumentException("paymentTimeout must be positive, was " + paymentTimeout);
		}
		items = List.copyOf(items);
	}

	/** An order of goods that need no delivery address (downloads, services). */
	public NewOrder(String customerId, Currency currency, List<OrderLine> items, Duration paymentTimeout) {
		this(customerId, currency, items, paymentTimeout, null);
	}

}
