package io.orderflow.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL. Transitions are guarded updates: they return the order as it is
 * afterwards, or nothing when the guard did not hold (someone else won, or the order is
 * not in the expected state). Callers decide what "nothing" means.
 */
@Repository
public class Orders {

	private static final String ORDER_COLUMNS = """
			id, order_no, customer_id, status, cancel_reason, currency, total_amount,
			created_at, payment_deadline, paid_at, cancelled_at""";

	private static final String INSERT_ORDER = """
			INSERT INTO orders (order_no, customer_id, status, currency, total_amount, created_at, payment_deadline)
			VALUES (:orderNo, :customerId, :status, :currency, :totalAmount, :createdAt, :paymentDeadline)
			RETURNING id""";

	private static final String INSERT_ITEM = """
			INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price)
			VALUES (?, ?, ?, ?, ?)""";

	private static final String SELECT_BY_ORDER_NO = """
			SELECT %s
			FROM orders
			WHERE order_no = :orderNo""".formatted(ORDER_COLUMNS);

	private static final String SELECT_ITEMS = """
			SELECT sku, quantity, unit_price
			FROM order_items
			WHERE order_id = :orderId
			ORDER BY line_no""";

	private static final String CANCEL_AWAITING_PAYMENT = """
			UPDATE orders
			SET status = 'CANCELLED',
			    cancel_reason = :reason,
			    cancelled_at = :now
			WHERE order_no = :orderNo
			  AND status = 'PENDING_PAYMENT'
			RETURNING %s""".formatted(ORDER_COLUMNS);

	private static final String CANCEL_OVERDUE = """
			UPDATE orders
			SET status = 'CANCELLED',
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = :now
			WHERE order_no = :orderNo
			  AND status = 'PENDING_PAYMENT'
			  AND payment_deadline <= :now
			RETURNING %s""".formatted(ORDER_COLUMNS);

	private static final String MARK_PAID = """
			UPDATE orders
			SET status = 'PAID',
			    paid_at = :now
			WHERE order_no = :orderNo
			  AND status = 'PENDING_PAYMENT'
			RETURNING %s""".formatted(ORDER_COLUMNS);

	private static final String CANCEL_OVERDUE_BATCH = """
			UPDATE orders
			SET status = 'CANCELLED',
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = :now
			WHERE id IN (SELECT id
			             FROM orders
			             WHERE status = 'PENDING_PAYMENT'
			               AND payment_deadline <= :overdueSince
			             ORDER BY payment_deadline
			             LIMIT :limit
			             FOR UPDATE SKIP LOCKED)
			  AND status = 'PENDING_PAYMENT'
			RETURNING %s""".formatted(ORDER_COLUMNS);

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	Orders(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
	}

	void insert(Order order) {
		long id = this.jdbc.sql(INSERT_ORDER)
			.param("orderNo", order.orderNo())
			.param("customerId", order.customerId())
			.param("status", order.status().name())
			.param("currency", order.currency().getCurrencyCode())
			.param("totalAmount", order.totalAmount())
			.param("createdAt", timestamp(order.createdAt()))
			.param("paymentDeadline", timestamp(order.paymentDeadline()))
			.query(Long.class)
			.single();
		List<OrderLine> items = order.items();
		List<Integer> lineNumbers = IntStream.rangeClosed(1, items.size()).boxed().toList();
		this.jdbcTemplate.batchUpdate(INSERT_ITEM, lineNumbers, items.size(), (statement, lineNo) -> {
			OrderLine item = items.get(lineNo - 1);
			statement.setLong(1, id);
			statement.setInt(2, lineNo);
			statement.setString(3, item.sku());
			statement.setInt(4, item.quantity());
			statement.setBigDecimal(5, item.unitPrice());
		});
	}

	public Optional<Order> findByOrderNo(String orderNo) {
		return this.jdbc.sql(SELECT_BY_ORDER_NO)
			.param("orderNo", orderNo)
			.query(this::mapRow)
			.optional()
			.map(this::withItems);
	}

	/**
	 * Cancels the order if, and only if, it is still awaiting payment.
	 */
	Optional<Order> cancelAwaitingPayment(String orderNo, CancelReason reason, Instant now) {
		return this.jdbc.sql(CANCEL_AWAITING_PAYMENT)
			.param("orderNo", orderNo)
			.param("reason", reason.name())
			.param("now", timestamp(now))
			.query(this::mapRow)
			.optional()
			.map(this::withItems);
	}

	/**
	 * Cancels the order for payment timeout if, and only if, it is still awaiting payment
	 * and its deadline has passed.
	 */
	Optional<Order> cancelOverdue(String orderNo, Instant now) {
		return this.jdbc.sql(CANCEL_OVERDUE)
			.param("orderNo", orderNo)
			.param("now", timestamp(now))
			.query(this::mapRow)
			.optional()
			.map(this::withItems);
	}

	/**
	 * Marks the order paid if, and only if, it is still awaiting payment. The deadline
	 * does not matter: the money was taken, and whichever of payment and timeout commits
	 * first wins.
	 */
	public Optional<Order> markPaid(String orderNo, Instant now) {
		return this.jdbc.sql(MARK_PAID)
			.param("orderNo", orderNo)
			.param("now", timestamp(now))
			.query(this::mapRow)
			.optional()
			.map(this::withItems);
	}

	/**
	 * Cancels up to {@code limit} orders whose deadline passed before
	 * {@code overdueSince}, skipping rows another transaction holds, so that several
	 * instances can sweep at once.
	 */
	List<Order> cancelOverdueBatch(Instant overdueSince, int limit, Instant now) {
		return this.jdbc.sql(CANCEL_OVERDUE_BATCH)
			.param("overdueSince", timestamp(overdueSince))
			.param("limit", limit)
			.param("now", timestamp(now))
			.query(this::mapRow)
			.list()
			.stream()
			.map(this::withItems)
			.toList();
	}

	private Order withItems(StoredOrder stored) {
		List<OrderLine> items = this.jdbc.sql(SELECT_ITEMS)
			.param("orderId", stored.id())
			.query((rs, rowNum) -> new OrderLine(rs.getString("sku"), rs.getInt("quantity"),
					rs.getBigDecimal("unit_price")))
			.list();
		return stored.order().withItems(items);
	}

	private StoredOrder mapRow(ResultSet rs, int rowNum) throws SQLException {
		String cancelReason = rs.getString("cancel_reason");
		Order order = new Order(rs.getString("order_no"), rs.getString("customer_id"),
				OrderStatus.valueOf(rs.getString("status")),
				(cancelReason != null) ? CancelReason.valueOf(cancelReason) : null,
				Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("total_amount"), List.of(),
				instant(rs, "created_at"), instant(rs, "payment_deadline"), instant(rs, "paid_at"),
				instant(rs, "cancelled_at"));
		return new StoredOrder(rs.getLong("id"), order);
	}

	static OffsetDateTime timestamp(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	private record StoredOrder(long id, Order order) {
	}

}
