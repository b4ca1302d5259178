package io.orderflow.order;

import java.sql.Types;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import io.orderflow.jdbc.Timestamps;
import io.orderflow.order.OrderRows.StoredOrder;

/**
 * A customer's orders, newest first, a page at a time. Pages are keyset pages: the next
 * one starts after the {@link PageCursor} of the previous one, so a page costs the same
 * however deep it is and orders placed meanwhile neither repeat nor shift items.
 */
@Repository
public class OrderHistory {

	private static final String SELECT_FIRST_PAGE = """
			SELECT %s
			FROM orders
			WHERE customer_id = :customerId
			  AND status = COALESCE(:status, status)
			ORDER BY created_at DESC, order_no DESC
			LIMIT :limit""".formatted(OrderRows.COLUMNS);

	private static final String SELECT_NEXT_PAGE = """
			SELECT %s
			FROM orders
			WHERE customer_id = :customerId
			  AND status = COALESCE(:status, status)
			  AND (created_at, order_no) < (:createdAt, :orderNo)
			ORDER BY created_at DESC, order_no DESC
			LIMIT :limit""".formatted(OrderRows.COLUMNS);

	private final JdbcClient jdbc;

	private final OrderLines lines;

	OrderHistory(JdbcClient jdbc, OrderLines lines) {
		this.jdbc = jdbc;
		this.lines = lines;
	}

	/**
	 * Up to {@code limit} orders of the customer, newest first (ties broken by order
	 * number), optionally only those in {@code status}, starting after {@code after} or
	 * at the newest order when it is {@code null}.
	 */
	public OrderPage findByCustomer(String customerId, @Nullable OrderStatus status, int limit,
			@Nullable PageCursor after) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, was " + limit);
		}
		StatementSpec query = this.jdbc.sql((after != null) ? SELECT_NEXT_PAGE : SELECT_FIRST_PAGE);
		if (after != null) {
			query = query.param("createdAt", Timestamps.utc(after.createdAt())).param("orderNo", after.orderNo());
		}
		// one more than asked for tells whether there is a next page
		List<StoredOrder> rows = query.param("customerId", customerId)
			.param("status", (status != null) ? status.name() : null, Types.VARCHAR)
			.param("limit", limit + 1)
			.query(OrderRows::map)
			.list();
		List<StoredOrder> page = rows.subList(0, Math.min(limit, rows.size()));
		List<Order> orders = this.lines.attachTo(page);
		PageCursor next = null;
		if (rows.size() > limit) {
			Order last = orders.get(orders.size() - 1);
			next = new PageCursor(last.createdAt(), last.orderNo());
		}
		return new OrderPage(orders, next);
	}

}
