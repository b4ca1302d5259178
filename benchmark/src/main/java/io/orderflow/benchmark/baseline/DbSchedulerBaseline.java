package io.orderflow.benchmark.baseline;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;

/**
 * Baseline (c): db-scheduler, one one-time task per order whose instance id is the order
 * number, executed at the deadline by the guarded cancel. Either with the library's
 * defaults (fetch, then lock each execution optimistically; 10 threads; poll every 10 s)
 * or with {@code pollUsingLockAndFetch(0.5, 1.0)}, the select-for-update-skip-locked
 * strategy its README recommends on PostgreSQL for high throughput.
 */
final class DbSchedulerBaseline extends Baseline {

	// db-scheduler's table for PostgreSQL, from its README.
	private static final String CREATE_TABLE = """
			CREATE TABLE scheduled_tasks (
			    task_name            text                     NOT NULL,
			    task_instance        text                     NOT NULL,
			    task_data            bytea,
			    execution_time       timestamp with time zone NOT NULL,
			    picked               boolean                  NOT NULL,
			    picked_by            text,
			    last_success         timestamp with time zone,
			    last_failure         timestamp with time zone,
			    consecutive_failures int,
			    last_heartbeat       timestamp with time zone,
			    version              bigint                   NOT NULL,
			    priority             smallint,
			    PRIMARY KEY (task_name, task_instance)
			);
			CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
			CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
			CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC)""";

	private final boolean lockAndFetch;

	private final OneTimeTask<Void> task;

	/** Schedules executions, whether or not a scheduler is running. */
	private final SchedulerClient client;

	private Scheduler scheduler;

	DbSchedulerBaseline(Design design, Postgres postgres, boolean lockAndFetch) throws SQLException {
		// 10 executor threads, each needing a connection for the cancel and one for
		// db-scheduler's own bookkeeping
		super(design, postgres, 14);
		this.lockAndFetch = lockAndFetch;
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(CREATE_TABLE);
		}
		this.task = Tasks.oneTime("payment-timeout").execute((instance, context) -> {
			try {
				if (cancel(instance.getId()) == Outcome.EARLY) {
					// fails the execution; db-scheduler retries it later
					throw new IllegalStateException("order " + instance.getId() + " is not due yet");
				}
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
		});
		this.client = SchedulerClient.Builder.create(this.dataSource, this.task).build();
	}

	/** A scheduler of its own each time: a stopped one cannot be started again. */
	@Override
	public void start() {
		SchedulerBuilder builder = Scheduler.create(this.dataSource, this.task);
		if (this.lockAndFetch) {
			builder.pollUsingLockAndFetch(0.5, 1.0);
		}
		this.scheduler = builder.build();
		this.scheduler.start();
	}

	/** Waits for the executions in progress. */
	@Override
	public void stop() {
		this.scheduler.stop();
		this.scheduler = null;
	}

	@Override
	protected void scheduleTimers(List<Timer> timers) {
		List<SchedulableInstance<?>> batch = new ArrayList<>(1000);
		for (Timer timer : timers) {
			batch.add(SchedulableInstance.of(this.task.instance(timer.orderNo()), timer.deadline()));
			if (batch.size() == 1000) {
				this.client.scheduleBatch(batch);
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			this.client.scheduleBatch(batch);
		}
	}

	@Override
	public void close() throws Exception {
		if (this.scheduler != null) {
			this.scheduler.stop();
		}
		super.close();
	}

}
