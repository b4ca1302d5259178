package io.orderflow.order;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.orderflow.order.OrderRows.StoredOrder;

/**
 * The lines of orders read from the {@code orders} table, loaded for any number of orders
 * in one query.
 */
@Repository
class OrderLines {

	private static final String SELECT_LINES = """
			SELECT order_id, sku, quantity, unit_price
			FROM order_items
			WHERE order_id IN (:orderIds)
			ORDER BY order_id, line_no""";

	private final JdbcClient jdbc;

	OrderLines(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The orders with their lines, in the order given. */
	List<Order> attachTo(List<StoredOrder> orders) {
		if (orders.isEmpty()) {
			return List.of();
		}
		Map<Long, List<OrderLine>> linesByOrder = this.jdbc.sql(SELECT_LINES)
			.param("orderIds", orders.stream().map(StoredOrder::id).toList())
			.query((rs, rowNum) -> new StoredLine(rs.getLong("order_id"),
					new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(StoredLine::orderId,
					Collectors.mapping(StoredLine::line, Collectors.toList())));
		return orders.stream()
			.map((stored) -> stored.order().withItems(linesByOrder.getOrDefault(stored.id(), List.of())))
			.toList();
	}

	private record StoredLine(long orderId, OrderLine line) {
	}

}
