package io.orderflow.order;

import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

import io.orderflow.jdbc.Timestamps;
import io.orderflow.order.OrderRows.StoredOrder;

/**
 * Orders in PostgreSQL. Transitions are guarded updates, one statement per row of
 * {@link OrderTransition} (which binds their {@code :from} and {@code :to}): they return
 * the order as it is afterwards, or nothing when the guard did not hold (someone else
 * won, or the order is not in the expected state). Callers decide what "nothing" means;
 * only the order services of this package call them.
 */
@Repository
class Orders {

	private static final String INSERT_ORDER = """
			INSERT INTO orders (order_no, customer_id, status, version, currency, total_amount, created_at,
			                    payment_deadline, paid_at, delivery_recipient, delivery_phone, delivery_country, delivery_region,
			                    delivery_city, delivery_district, delivery_lines, delivery_postal_code)
			VALUES (:orderNo, :customerId, :status, :version, :currency, :totalAmount, :createdAt,
			        :paymentDeadline, :paidAt, :recipient, :phone, :country, :region,
			        :city, :district, :lines, :postalCode)
			RETURNING id""";

	private static final String INSERT_ITEM = """
			INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price)
			VALUES (?, ?, ?, ?, ?)""";

	private static final String SELECT_BY_ORDER_NO = """
			SELECT %s
			FROM orders
			WHERE order_no = :orderNo""".formatted(OrderRows.COLUMNS);

	// Who may see an order is part of the query: :owner is the customer the caller acts
	// for, or NULL for support (OrderAccess).
	private static final String OWNED = "\n  AND (CAST(:owner AS varchar) IS NULL OR customer_id = :owner)";

	private static final String SELECT_ACCESSIBLE_BY_ORDER_NO = SELECT_BY_ORDER_NO + OWNED;

	// What the client last saw, when it says (If-Match): :versions holds the versions it
	// accepts unless :anyVersion (ExpectedVersion).
	private static final String MATCHING_VERSION = "\n  AND (:anyVersion OR version = ANY(:versions))";

	private static final String SELECT_BY_ORDER_NOS = """
			SELECT %s
			FROM orders
			WHERE order_no IN (:orderNos)""".formatted(OrderRows.COLUMNS);

	private static final String CANCEL_AT_CUSTOMER_REQUEST = """
			UPDATE orders
			SET status = :to,
			    cancel_reason = 'CUSTOMER_REQUEST',
			    cancelled_at = :now,
			    version = version + 1
			WHERE order_no = :orderNo
			  AND status = ANY(:from)%s%s
			RETURNING %s""".formatted(OWNED, MATCHING_VERSION, OrderRows.COLUMNS);

	// Planned through the order number whatever the statistics say: no index on
	// payment_deadline serves this guard
	// (V5__safety_net_indexes_timers_cannot_plan_through). Whether the deadline has
	// passed is the database's call, not the calling host's: a consumer whose clock runs
	// ahead must not cancel early (docs/reliability.md, clock-skew).
	// cancelled_at never precedes the deadline: the caller read :now before the statement
	// ran, and the database's clock, which found the deadline passed, may be ahead of it.
	private static final String CANCEL_OVERDUE = """
			UPDATE orders
			SET status = :to,
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = greatest(:now, statement_timestamp()),
			    version = version + 1
			WHERE order_no = ANY(:orderNos)
			  AND status = ANY(:from)
			  AND payment_deadline <= statement_timestamp()
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	private static final String MARK_PAID = """
			UPDATE orders
			SET status = :to,
			    paid_at = :now,
			    version = version + 1
			WHERE order_no = :orderNo
			  AND status = ANY(:from)
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	// "Unpaid" as its index states it (paid_at and cancelled_at empty), so that the sweep
	// uses it; the status guard still decides.
	private static final String CANCEL_OVERDUE_BATCH = """
			UPDATE orders
			SET status = :to,
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = :now,
			    version = version + 1
			WHERE id IN (SELECT id
			             FROM orders
			             WHERE paid_at IS NULL
			               AND cancelled_at IS NULL
			               AND payment_deadline <= :overdueSince
			               AND payment_deadline <= statement_timestamp()
			             ORDER BY payment_deadline
			             LIMIT :limit
			             FOR UPDATE SKIP LOCKED)
			  AND status = ANY(:from)
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	private static final String SHIP = """
			UPDATE orders
			SET status = :to,
			    carrier = :carrier,
			    tracking_no = :trackingNo,
			    shipped_at = :now,
			    auto_complete_at = :autoCompleteAt,
			    version = version + 1
			WHERE order_no = :orderNo
			  AND status = ANY(:from)%s
			RETURNING %s""".formatted(MATCHING_VERSION, OrderRows.COLUMNS);

	private static final String COMPLETE_AT_CUSTOMER_REQUEST = """
			UPDATE orders
			SET status = :to,
			    completed_at = :now,
			    completed_by = 'CUSTOMER',
			    version = version + 1
			WHERE order_no = :orderNo
			  AND status = ANY(:from)%s%s
			RETURNING %s""".formatted(OWNED, MATCHING_VERSION, OrderRows.COLUMNS);

	// Planned through the order number, like CANCEL_OVERDUE.
	private static final String COMPLETE_AUTOMATICALLY = """
			UPDATE orders
			SET status = :to,
			    completed_at = :now,
			    completed_by = 'AUTO',
			    version = version + 1
			WHERE order_no = ANY(:orderNos)
			  AND status = ANY(:from)
			  AND auto_complete_at <= :now
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	// "Shipped, not completed" as its index states it, like CANCEL_OVERDUE_BATCH.
	private static final String COMPLETE_OVERDUE_BATCH = """
			UPDATE orders
			SET status = :to,
			    completed_at = :now,
			    completed_by = 'AUTO',
			    version = version + 1
			WHERE id IN (SELECT id
			             FROM orders
			             WHERE shipped_at IS NOT NULL
			               AND completed_at IS NULL
			               AND auto_complete_at <= :overdueSince
			             ORDER BY auto_complete_at
			             LIMIT :limit
			             FOR UPDATE SKIP LOCKED)
			  AND status = ANY(:from)
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	// Out of stock cancels an order not yet shipped: unpaid, or paid (and then refunded).
	private static final String CANCEL_OUT_OF_STOCK = """
			UPDATE orders
			SET status = :to,
			    cancel_reason = 'OUT_OF_STOCK',
			    cancelled_at = :now,
			    inventory_status = 'REJECTED',
			    inventory_updated_at = :now,
			    version = version + 1
			WHERE order_no = :orderNo
			  AND status = ANY(:from)
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	// A late or repeated answer never overwrites the first one.
	private static final String RECORD_INVENTORY_STATUS = """
			UPDATE orders
			SET inventory_status = :inventoryStatus,
			    inventory_updated_at = :now,
			    version = version + 1
			WHERE order_no = :orderNo
			  AND inventory_status IS NULL""";

	// At most one reminder per order, only while it is unpaid and its deadline is ahead.
	// Planned through the order number, like CANCEL_OVERDUE.
	private static final String REMIND_OF_PAYMENT = """
			UPDATE orders
			SET payment_reminder_sent_at = :now,
			    version = version + 1
			WHERE order_no = ANY(:orderNos)
			  AND status = 'PENDING_PAYMENT'
			  AND payment_reminder_sent_at IS NULL
			  AND payment_deadline > :now
			RETURNING %s""".formatted(OrderRows.COLUMNS);

	private static final String ERASE_DELIVERY_ADDRESSES = """
			UPDATE orders
			SET delivery_recipient = NULL,
			    delivery_phone = NULL,
			    delivery_country = NULL,
			    delivery_region = NULL,
			    delivery_city = NULL,
			    delivery_district = NULL,
			    delivery_lines = NULL,
			    delivery_postal_code = NULL,
			    delivery_address_erased_at = :now,
			    version = version + 1
			WHERE customer_id = :customerId
			  AND delivery_recipient IS NOT NULL
			RETURNING order_no""";

	private static final List<String> ADDRESS_PARAMETERS = List.of("recipient", "phone", "country", "region", "city",
			"district", "lines", "postalCode");

	private final JdbcClient jdbc;

	private final JdbcTemplate jdbcTemplate;

	private final OrderLines lines;

	Orders(JdbcClient jdbc, JdbcTemplate jdbcTemplate, OrderLines lines) {
		this.jdbc = jdbc;
		this.jdbcTemplate = jdbcTemplate;
		this.lines = lines;
	}

	void insert(Order order) {
		long id = this.jdbc.sql(INSERT_ORDER)
			.param("orderNo", order.orderNo())
			.param("customerId", order.customerId())
			.param("status", order.status().name())
			.param("version", order.version())
			.param("currency", order.currency().getCurrencyCode())
			.param("totalAmount", order.totalAmount())
			.param("createdAt", Timestamps.utc(order.createdAt()))
			.param("paymentDeadline", Timestamps.utc(order.paymentDeadline()))
			.param("paidAt", (order.paidAt() != null) ? Timestamps.utc(order.paidAt()) : null,
					Types.TIMESTAMP_WITH_TIMEZONE)
			.params(addressColumns(order.deliveryAddress()))
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

	Optional<Order> findByOrderNo(String orderNo) {
		return this.jdbc.sql(SELECT_BY_ORDER_NO)
			.param("orderNo", orderNo)
			.query(OrderRows::map)
			.optional()
			.map(this::withItems);
	}

	/** The order, if it exists and {@code access} covers it. */
	Optional<Order> findByOrderNo(String orderNo, OrderAccess access) {
		return this.jdbc.sql(SELECT_ACCESSIBLE_BY_ORDER_NO)
			.param("orderNo", orderNo)
			.param("owner", access.owner(), Types.VARCHAR)
			.query(OrderRows::map)
			.optional()
			.map(this::withItems);
	}

	/** The orders among {@code orderNos} that exist, in no particular order. */
	List<Order> findByOrderNos(Collection<String> orderNos) {
		if (orderNos.isEmpty()) {
			return List.of();
		}
		return this.lines
			.attachTo(this.jdbc.sql(SELECT_BY_ORDER_NOS).param("orderNos", orderNos).query(OrderRows::map).list());
	}

	/**
	 * Cancels the order at its customer's request if, and only if, it is still awaiting
	 * payment or paid and not shipped, {@code access} covers it and its version is one
	 * {@code expected}.
	 */
	Optional<Order> cancelAtCustomerRequest(String orderNo, OrderAccess access, ExpectedVersion expected, Instant now) {
		return transition(OrderTransition.CANCEL_AT_CUSTOMER_REQUEST, CANCEL_AT_CUSTOMER_REQUEST, orderNo, now,
				versioned(expected, owned(access, Map.of())));
	}

	/**
	 * Cancels for payment timeout those of the orders that are still awaiting payment and
	 * whose deadline has passed, in one statement.
	 * @return the orders it cancelled
	 */
	List<Order> cancelOverdue(Collection<String> orderNos, Instant now) {
		return transitionAll(OrderTransition.CANCEL_FOR_PAYMENT_TIMEOUT, CANCEL_OVERDUE, orderNos, now);
	}

	/**
	 * Marks the order paid if, and only if, it is still awaiting payment. The deadline
	 * does not matter: the money was taken, and whichever of payment and timeout commits
	 * first wins.
	 */
	Optional<Order> markPaid(String orderNo, Instant now) {
		return transition(OrderTransition.PAY, MARK_PAID, orderNo, now, Map.of());
	}

	/**
	 * Cancels up to {@code limit} orders whose deadline passed before
	 * {@code overdueSince}, skipping rows another transaction holds, so that several
	 * instances can sweep at once.
	 */
	List<Order> cancelOverdueBatch(Instant overdueSince, int limit, Instant now) {
		return batch(OrderTransition.CANCEL_FOR_PAYMENT_TIMEOUT, CANCEL_OVERDUE_BATCH, overdueSince, limit, now);
	}

	/**
	 * Completes up to {@code limit} shipped orders whose auto-completion passed before
	 * {@code overdueSince}, skipping rows another transaction holds.
	 */
	List<Order> completeOverdueBatch(Instant overdueSince, int limit, Instant now) {
		return batch(OrderTransition.COMPLETE_AUTOMATICALLY, COMPLETE_OVERDUE_BATCH, overdueSince, limit, now);
	}

	private List<Order> batch(OrderTransition transition, String sql, Instant overdueSince, int limit, Instant now) {
		return this.lines.attachTo(guarded(transition, sql).param("overdueSince", Timestamps.utc(overdueSince))
			.param("limit", limit)
			.param("now", Timestamps.utc(now))
			.query(OrderRows::map)
			.list());
	}

	/** PAID to SHIPPED, if the order's version is one {@code expected}. */
	Optional<Order> ship(String orderNo, String carrier, String trackingNo, Instant autoCompleteAt,
			ExpectedVersion expected, Instant now) {
		return transition(OrderTransition.SHIP, SHIP, orderNo, now, versioned(expected, Map.of("carrier", carrier,
				"trackingNo", trackingNo, "autoCompleteAt", Timestamps.utc(autoCompleteAt))));
	}

	/**
	 * SHIPPED to COMPLETED, by the customer, if {@code access} covers the order and its
	 * version is one {@code expected}.
	 */
	Optional<Order> completeAtCustomerRequest(String orderNo, OrderAccess access, ExpectedVersion expected,
			Instant now) {
		return transition(OrderTransition.CONFIRM_RECEIPT, COMPLETE_AT_CUSTOMER_REQUEST, orderNo, now,
				versioned(expected, owned(access, Map.of())));
	}

	/**
	 * SHIPPED to COMPLETED, by their timers, for those of the orders whose time has come,
	 * in one statement.
	 * @return the orders it completed
	 */
	List<Order> completeAutomatically(Collection<String> orderNos, Instant now) {
		return transitionAll(OrderTransition.COMPLETE_AUTOMATICALLY, COMPLETE_AUTOMATICALLY, orderNos, now);
	}

	/** PENDING_PAYMENT or PAID to CANCELLED, because inventory has no stock. */
	Optional<Order> cancelOutOfStock(String orderNo, Instant now) {
		return transition(OrderTransition.CANCEL_OUT_OF_STOCK, CANCEL_OUT_OF_STOCK, orderNo, now, Map.of());
	}

	/**
	 * @return whether this was the order's first answer from inventory
	 */
	boolean recordInventoryStatus(String orderNo, InventoryStatus status, Instant now) {
		return this.jdbc.sql(RECORD_INVENTORY_STATUS)
			.param("orderNo", orderNo)
			.param("inventoryStatus", status.name())
			.param("now", Timestamps.utc(now))
			.update() == 1;
	}

	/**
	 * Stamps the payment reminder of those of the orders that are still unpaid, not yet
	 * reminded and not yet due, in one statement.
	 * @return the orders whose customer is to be reminded now
	 */
	List<Order> remindOfPayment(Collection<String> orderNos, Instant now) {
		if (orderNos.isEmpty()) {
			return List.of();
		}
		return this.lines.attachTo(this.jdbc.sql(REMIND_OF_PAYMENT)
			.param("orderNos", orderNos.toArray(String[]::new))
			.param("now", Timestamps.utc(now))
			.query(OrderRows::map)
			.list());
	}

	/**
	 * Removes the delivery address from every order of the customer that has one.
	 * @return the numbers of the orders it changed
	 */
	List<String> eraseDeliveryAddresses(String customerId, Instant now) {
		return this.jdbc.sql(ERASE_DELIVERY_ADDRESSES)
			.param("customerId", customerId)
			.param("now", Timestamps.utc(now))
			.query(String.class)
			.list();
	}

	/** Runs a guarded update that returns the changed order, if the guard held. */
	private Optional<Order> transition(OrderTransition transition, String sql, String orderNo, Instant now,
			Map<String, ?> parameters) {
		return guarded(transition, sql).params(parameters)
			.param("orderNo", orderNo)
			.param("now", Timestamps.utc(now))
			.query(OrderRows::map)
			.optional()
			.map(this::withItems);
	}

	/** Runs a guarded update of several orders that returns those it changed. */
	private List<Order> transitionAll(OrderTransition transition, String sql, Collection<String> orderNos,
			Instant now) {
		if (orderNos.isEmpty()) {
			return List.of();
		}
		return this.lines.attachTo(guarded(transition, sql).param("orderNos", orderNos.toArray(String[]::new))
			.param("now", Timestamps.utc(now))
			.query(OrderRows::map)
			.list());
	}

	/**
	 * What a guarded update of one order came to: {@code applied} to the changed order
	 * when the guard held; else, read again, the order in a state the transition does not
	 * start from, or no order at all (none, or none that {@code access} covers).
	 */
	TransitionOutcome outcome(String orderNo, OrderAccess access, Optional<Order> changed,
			Function<Order, TransitionOutcome> applied) {
		return outcome(orderNo, access, ExpectedVersion.ANY, changed, applied);
	}

	/**
	 * As {@link #outcome(String, OrderAccess, Optional, Function)}, for an update that
	 * also required a version {@code expected}: an order at another version is
	 * {@link TransitionOutcome.Stale}, whatever its status.
	 */
	TransitionOutcome outcome(String orderNo, OrderAccess access, ExpectedVersion expected, Optional<Order> changed,
			Function<Order, TransitionOutcome> applied) {
		if (changed.isPresent()) {
			return applied.apply(changed.get());
		}
		return findByOrderNo(orderNo, access)
			.<TransitionOutcome>map((order) -> expected.matches(order.version())
					? new TransitionOutcome.NotAllowed(order) : new TransitionOutcome.Stale(order))
			.orElseGet(() -> new TransitionOutcome.UnknownOrder(orderNo));
	}

	/** The statement with the {@code :from} and {@code :to} of the transition it runs. */
	private StatementSpec guarded(OrderTransition transition, String sql) {
		return this.jdbc.sql(sql).param("from", transition.fromNames()).param("to", transition.to().name());
	}

	/** The parameters plus the {@code :anyVersion} and {@code :versions} of the guard. */
	private static Map<String, ?> versioned(ExpectedVersion expected, Map<String, ?> parameters) {
		Map<String, Object> all = new HashMap<>(parameters);
		all.put("anyVersion", expected instanceof ExpectedVersion.AnyVersion);
		all.put("versions", (expected instanceof ExpectedVersion.OneOf oneOf) ? oneOf.versions().toArray(Long[]::new)
				: new Long[0]);
		return all;
	}

	/** The columns of the address, all {@code NULL} when there is none. */
	private static Map<String, SqlParameterValue> addressColumns(@Nullable DeliveryAddress address) {
		Map<String, String> values = new HashMap<>();
		if (address != null) {
			values.put("recipient", address.recipientName());
			values.put("phone", address.phone());
			values.put("country", address.country());
			values.put("region", address.region());
			values.put("city", address.city());
			values.put("district", address.district());
			values.put("lines", String.join(OrderRows.ADDRESS_LINE_BREAK, address.lines()));
			values.put("postalCode", address.postalCode());
		}
		Map<String, SqlParameterValue> columns = new HashMap<>();
		for (String name : ADDRESS_PARAMETERS) {
			columns.put(name, new SqlParameterValue(Types.VARCHAR, values.get(name)));
		}
		return columns;
	}

	/** The parameters plus the {@code :owner} of the guard. */
	private static Map<String, ?> owned(OrderAccess access, Map<String, ?> parameters) {
		Map<String, Object> all = new HashMap<>(parameters);
		all.put("owner", new SqlParameterValue(Types.VARCHAR, access.owner()));
		return all;
	}

	private Order withItems(StoredOrder stored) {
		return this.lines.attachTo(List.of(stored)).get(0);
	}

}
