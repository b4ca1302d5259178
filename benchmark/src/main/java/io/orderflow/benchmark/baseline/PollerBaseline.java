package io.orderflow.benchmark.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;

/**
 * Baseline (b): no timers at all. A thread wakes up every {@code interval} and cancels
 * overdue orders in batches of 1,000 until none is left, each batch one guarded update
 * that skips rows another poller holds, so several instances could share the work.
 */
final class PollerBaseline extends Baseline {

	private static final Logger log = LoggerFactory.getLogger(PollerBaseline.class);

	static final int BATCH_SIZE = 1000;

	// Finds overdue unpaid orders through an index like the one the service's sweeper
	// uses (unpaid: paid_at and cancelled_at empty), as that sweeper does.
	private static final String CANCEL_OVERDUE_BATCH = """
			UPDATE baseline_orders
			SET status = 'CANCELLED',
			    cancel_reason = 'PAYMENT_TIMEOUT',
			    cancelled_at = now()
			WHERE id IN (SELECT id
			             FROM baseline_orders
			             WHERE paid_at IS NULL
			               AND cancelled_at IS NULL
			               AND payment_deadline <= now()
			             ORDER BY payment_deadline
			             LIMIT %d
			             FOR UPDATE SKIP LOCKED)
			  AND status = 'PENDING_PAYMENT'""".formatted(BATCH_SIZE);

	private final Duration interval;

	private final ScheduledExecutorService executor;

	private ScheduledFuture<?> polling;

	PollerBaseline(Design design, Postgres postgres, Duration interval) throws SQLException {
		super(design, postgres, 2);
		this.interval = interval;
		this.executor = Executors.newSingleThreadScheduledExecutor(new NamedThreads(design.name().toLowerCase()));
	}

	@Override
	public void start() {
		this.polling = this.executor.scheduleWithFixedDelay(this::poll, this.interval.toMillis(),
				this.interval.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() throws InterruptedException, ExecutionException {
		this.polling.cancel(false);
		// the executor's only thread runs this after a poll in progress has finished
		this.executor.submit(() -> {
		}).get();
	}

	private void poll() {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			int cancelled;
			do {
				cancelled = statement.executeUpdate(CANCEL_OVERDUE_BATCH);
			}
			while (cancelled == BATCH_SIZE);
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Poll failed, next one in {}: {}", this.interval, ex.toString());
		}
	}

	@Override
	protected void scheduleTimers(List<Timer> timers) {
		// the order row is the timer
	}

	@Override
	public void close() throws Exception {
		this.executor.shutdownNow();
		this.executor.awaitTermination(30, TimeUnit.SECONDS);
		super.close();
	}

}
