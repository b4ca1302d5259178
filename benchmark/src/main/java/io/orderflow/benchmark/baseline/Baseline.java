package io.orderflow.benchmark.baseline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.workload.OrderSpec;

/**
 * A simpler timer design the service is compared with. Each has its own database with the
 * service's schema, and cancels with the same guarded update: an order is cancelled only
 * while it still awaits payment and once its deadline has passed, so a timer that fires
 * twice, or after a payment, changes nothing.
 *
 * <p>
 * Orders are inserted directly (the workload here is the timer, not order creation);
 * baselines write no {@code order.cancelled} event, which the service does in the same
 * transaction as its cancel.
 */
public abstract class Baseline implements AutoCloseable {

	static final String GUARDED_CANCEL = """
			UPDATE orders
			SET status = 'CANCELLED',
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = now()
			WHERE order_no = ?
			  AND status = 'PENDING_PAYMENT'
			  AND payment_deadline <= now()""";

	private static final String STILL_AWAITING_PAYMENT = """
			SELECT count(*)
			FROM orders
			WHERE order_no = ?
			  AND status = 'PENDING_PAYMENT'""";

	private static final String INSERT_ORDER = """
			INSERT INTO orders (order_no, customer_id, status, currency, total_amount, created_at, payment_deadline)
			VALUES (?, ?, 'PENDING_PAYMENT', 'CNY', ?, ?, ?)""";

	private static final BigDecimal TOTAL = new BigDecimal("44.80");

	private final Design design;

	protected final HikariDataSource dataSource;

	/** Timers that arrived before their deadline (should stay zero). */
	protected final AtomicLong early = new AtomicLong();

	protected Baseline(Design design, Postgres postgres, int poolSize) throws SQLException {
		this.design = design;
		postgres.recreate(design.database());
		postgres.migrate(design.database());
		this.dataSource = postgres.pool(design.database(), poolSize, design.name().toLowerCase());
	}

	public Design design() {
		return this.design;
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	public long early() {
		return this.early.get();
	}

	/**
	 * Starts whatever fires the timers (consumers, pollers, schedulers, subscribers);
	 * again after {@link #stop()}.
	 */
	public abstract void start() throws Exception;

	/**
	 * Stops firing timers, as a crash or a deployment of the design's consumer would,
	 * once what is in flight is done. Timers falling due meanwhile are the design's to
	 * keep or to lose.
	 */
	public abstract void stop() throws Exception;

	/** Inserts one pending order per spec and schedules its timer. */
	public final void schedule(List<OrderSpec> specs) throws Exception {
		scheduleTimers(insertOrders(specs));
	}

	protected abstract void scheduleTimers(List<Timer> timers) throws Exception;

	/** Called before the expiry storm is scheduled. */
	public void beforeStorm() throws Exception {
	}

	/**
	 * Stops firing, deletes what the design keeps outside its database, and disconnects.
	 */
	@Override
	public void close() throws Exception {
		this.dataSource.close();
	}

	/**
	 * The guarded cancel, in a transaction of its own.
	 */
	protected final Outcome cancel(String orderNo) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			try (PreparedStatement cancel = connection.prepareStatement(GUARDED_CANCEL)) {
				cancel.setString(1, orderNo);
				if (cancel.executeUpdate() == 1) {
					return Outcome.CANCELLED;
				}
			}
			try (PreparedStatement check = connection.prepareStatement(STILL_AWAITING_PAYMENT)) {
				check.setString(1, orderNo);
				try (ResultSet rs = check.executeQuery()) {
					rs.next();
					if (rs.getLong(1) > 0) {
						this.early.incrementAndGet();
						return Outcome.EARLY;
					}
				}
			}
			return Outcome.NOTHING_TO_DO;
		}
	}

	private List<Timer> insertOrders(List<OrderSpec> specs) throws SQLException {
		List<Timer> timers = new ArrayList<>(specs.size());
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement insert = connection.prepareStatement(INSERT_ORDER)) {
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
					timers.add(new Timer(orderNo, deadline));
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

	/** A timer to schedule: cancel {@code orderNo} at {@code deadline}. */
	record Timer(String orderNo, Instant deadline) {
	}

	enum Outcome {

		CANCELLED,

		/** Already paid, cancelled or unknown: a repeated timer. */
		NOTHING_TO_DO,

		/** Still awaiting payment with its deadline ahead: the timer fired early. */
		EARLY

	}

}
