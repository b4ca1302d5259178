package io.orderflow.benchmark.baseline;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.workload.OrderSpec;

/**
 * A simpler timer design the service is compared with. Each has its own database, with
 * its orders in a table of its own ({@link BaselineOrders}), and cancels with the
 * service's guard: an order is cancelled only while it still awaits payment and once its
 * deadline has passed, so a timer that fires twice, or after a payment, changes nothing.
 *
 * <p>
 * Orders are inserted directly (the workload here is the timer, not order creation);
 * baselines write no {@code order.cancelled} event, which the service does in the same
 * transaction as its cancel.
 */
public abstract class Baseline implements AutoCloseable {

	private final Design design;

	protected final HikariDataSource dataSource;

	private final BaselineOrders orders;

	/** Timers that arrived before their deadline (should stay zero). */
	protected final AtomicLong early = new AtomicLong();

	protected Baseline(Design design, Postgres postgres, int poolSize) throws SQLException {
		this.design = design;
		postgres.recreate(design.database());
		this.dataSource = postgres.pool(design.database(), poolSize, design.name().toLowerCase());
		this.orders = BaselineOrders.create(this.dataSource);
	}

	public Design design() {
		return this.design;
	}

	public HikariDataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * The table of the design's orders: the columns of the service's {@code orders} that
	 * a timer deals with, under the same names.
	 */
	public String ordersTable() {
		return BaselineOrders.TABLE;
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
		scheduleTimers(this.orders.insert(specs));
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
		Outcome outcome = this.orders.cancel(orderNo);
		if (outcome == Outcome.EARLY) {
			this.early.incrementAndGet();
		}
		return outcome;
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
