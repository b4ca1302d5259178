package io.orderflow.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a customer's orders, newest first, and where the next page starts, if there
 * is one.
 */
public record OrderPage(List<Order> items, @Nullable PageCursor next) {

	public OrderPage {
		items = List.copyOf(items);
	}

}
