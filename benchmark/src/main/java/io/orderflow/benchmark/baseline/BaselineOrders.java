package io.orderflow.benchmark.baseline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.orderflow.benchmark.workload.OrderSpec;

/**
 * A baseline's orders: a table of its own, {@value #TABLE}, created by the benchmark in
 * the baseline's database. It has the columns of the service's {@code orders} that a
 * payment timer deals with, under the same names and types, and the service's indexes on
 * them (the order number, the customer's orders, the unpaid orders' deadlines), so that
 * the designs' databases compare like with like; the service's schema can change without
 * the baselines noticing.
 *
 * <p>
 * Orders are inserted directly (the workload here is the timer, not order creation), and
 * cancelled with the service's guard: only while the order still awaits payment and once
 * its deadline has passed, so that a timer that fires twice, or after a payment, changes
 * nothing.
 */
final class BaselineOrders {

	static final String TABLE = "baseline_orders";

	private static final String CREATE_TABLE = """
			CREATE TABLE baseline_orders (
			    id               bigint GENERATED ALWAYS AS IDENTITY,
			    order_no         varchar(32)    NOT NULL,
			    customer_id      varchar(64)    NOT NULL,
			    status           varchar(20)    NOT NULL,
			    cancel_reason    varchar(20),
			    currency         char(3)        NOT NULL,
			    total_amount     numeric(19, 2) NOT NULL,
			    created_at       timestamptz    NOT NULL,
			    payment_deadline timestamptz    NOT NULL,
			    paid_at          timestamptz,
			    cancelled_at     timestamptz,
			    CONSTRAINT baseline_orders_pkey PRIMARY KEY (id),
			    CONSTRAINT baseline_orders_order_no_key UNIQUE (order_no),
			    CONSTRAINT baseline_orders_status_check CHECK (status IN ('PENDING_PAYMENT', 'PAID', 'CANCELLED'))
			);
			CREATE INDEX baseline_orders_customer_created_idx
			    ON baseline_orders (customer_id, created_at DESC, order_no DESC);
			CREATE INDEX baseline_orders_unpaid_deadline_idx ON baseline_orders (payment_deadline)
			    WHERE paid_at IS NULL AND cancelled_at IS NULL""";

	private static final String INSERT = """
			INSERT INTO baseline_orders (order_no, customer_id, status, currency, total_amount, created_at,
			                             payment_deadline)
			VALUES (?, ?, 'PENDING_PAYMENT', 'CNY', ?, ?, ?)""";

	static final String GUARDED_CANCEL = """
			UPDATE baseline_orders
			SET status = 'CANCELLED',
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = now()
			WHERE order_no = ?
			  AND status = 'PENDING_PAYMENT'
			  AND payment_deadline <= now()""";

	private static final String STILL_AWAITING_PAYMENT = """
			SELECT count(*)
			FROM baseline_orders
			WHERE order_no = ?
			  AND status = 'PENDING_PAYMENT'""";

	private static final BigDecimal TOTAL = new BigDecimal("44.80");

	private final DataSource dataSource;

	private BaselineOrders(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** Creates the table in the baseline's (empty) database. */
	static BaselineOrders create(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(CREATE_TABLE);
		}
		return new BaselineOrders(dataSource);
	}

	/**
	 * Inserts one pending order per spec, committing every 1,000.
	 * @return the timers to schedule for them
	 */
	List<Baseline.Timer> insert(List<OrderSpec> specs) throws SQLException {
		List<Baseline.Timer> timers = new ArrayList<>(specs.size());
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				int batched = 0;
				for (OrderSpec spec : specs) {
					Instant now = Instant.now();
					Instant deadline = spec.deadlineFrom(now);
					String orderNo = UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
					insert.setString(1, orderNo);
					insert.setString(2, spec.customerId());
					insert.setBigDecimal(3, TOTAL);
					insert.setObject(4, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
					insert.setObject(5, OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC));
					insert.addBatch();
					timers.add(new Baseline.Timer(orderNo, deadline));
					if (++batched == 1000) {
						insert.executeBatch();
						connection.commit();
						batched = 0;
					}
				}
				insert.executeBatch();
				connection.commit();
			}
		}
		return timers;
	}

	/** The guarded cancel, in a transaction of its own. */
	Baseline.Outcome cancel(String orderNo) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			try (PreparedStatement cancel = connection.prepareStatement(GUARDED_CANCEL)) {
				cancel.setString(1, orderNo);
				if (cancel.executeUpdate() == 1) {
					return Baseline.Outcome.CANCELLED;
				}
			}
			try (PreparedStatement check = connection.prepareStatement(STILL_AWAITING_PAYMENT)) {
				check.setString(1, orderNo);
				try (ResultSet rs = check.executeQuery()) {
					rs.next();
					if (rs.getLong(1) > 0) {
						return Baseline.Outcome.EARLY;
					}
				}
			}
			return Baseline.Outcome.NOTHING_TO_DO;
		}
	}

}
