package io.orderflow.benchmark.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.Postgres;

/**
 * The database's ceiling for the service's create transaction: the transaction the
 * service's own code sends to place an order (the order, its two items, its
 * {@code order.created} event and its payment timer in the outbox, one commit), recorded
 * once and replayed with the same statements, values and JDBC driver options by as many
 * clients as the HTTP load uses, without HTTP, JSON or the broker, and without the
 * service's Java around the statements (see {@link RecordedTransaction}).
 */
public final class DbCeiling implements AutoCloseable {

	private static final String CEILING_DATABASE = "orderflow_bench_ceiling";

	/** The order recorded: due half an hour after its creation. */
	private static final OrderSpec ORDER = new OrderSpec("ceiling", Duration.ofMinutes(30), null);

	private final Postgres postgres;

	private final HikariDataSource dataSource;

	private final int clients;

	private final RecordedTransaction create;

	private DbCeiling(Postgres postgres, HikariDataSource dataSource, int clients, RecordedTransaction create) {
		this.postgres = postgres;
		this.dataSource = dataSource;
		this.clients = clients;
		this.create = create;
	}

	/**
	 * Creates a fresh database with the service's schema (its own migrations) and records
	 * the service's create transaction on it. Done early in a run, so that starting the
	 * service's code in this JVM is over long before the replay is measured.
	 */
	public static DbCeiling prepare(Postgres postgres, int clients) throws Exception {
		postgres.recreate(CEILING_DATABASE);
		postgres.migrate(CEILING_DATABASE);
		HikariDataSource dataSource = postgres.pool(CEILING_DATABASE, clients, "ceiling");
		try {
			return new DbCeiling(postgres, dataSource, clients, RecordedTransaction.placing(dataSource, ORDER));
		}
		catch (Exception | Error ex) {
			dataSource.close();
			postgres.drop(CEILING_DATABASE);
			throw ex;
		}
	}

	/**
	 * Replays the create transaction with as many clients as prepared, for
	 * {@code duration}; then drops the database.
	 */
	public Result measure(Duration duration) throws Exception {
		try {
			return run(this.dataSource, this.clients, duration, this.create);
		}
		finally {
			close();
		}
	}

	/** Drops the database. */
	@Override
	public void close() throws Exception {
		this.dataSource.close();
		this.postgres.drop(CEILING_DATABASE);
	}

	private static Result run(DataSource dataSource, int clients, Duration duration, RecordedTransaction create)
			throws InterruptedException {
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		AtomicLong transactions = new AtomicLong();
		AtomicReference<Exception> failure = new AtomicReference<>();
		List<long[]> latencies = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				long[] mine = new long[1024];
				int count = 0;
				try (Connection connection = dataSource.getConnection()) {
					connection.setAutoCommit(false);
					Map<Integer, PreparedStatement> prepared = new HashMap<>();
					try {
						while (System.nanoTime() < end) {
							long begun = System.nanoTime();
							create.replay(connection, prepared);
							connection.commit();
							long done = System.nanoTime();
							if (done <= end) {
								transactions.incrementAndGet();
								if (count == mine.length) {
									mine = Arrays.copyOf(mine, mine.length * 2);
								}
								mine[count++] = done - begun;
							}
						}
					}
					finally {
						for (PreparedStatement statement : prepared.values()) {
							statement.close();
						}
					}
				}
				catch (SQLException | RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
				synchronized (latencies) {
					latencies.add(Arrays.copyOf(mine, count));
				}
			}, "db-ceiling-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (failure.get() != null) {
			throw new IllegalStateException("replaying the create transaction failed", failure.get());
		}
		double seconds = duration.toNanos() / 1e9;
		double[] millis = latencies.stream()
			.flatMapToLong(Arrays::stream)
			.mapToDouble((nanos) -> nanos / 1e6)
			.sorted()
			.toArray();
		return new Result(clients, seconds, transactions.get(), transactions.get() / seconds,
				Stats.percentile(millis, 50), Stats.percentile(millis, 99));
	}

	/**
	 * @param clients concurrent JDBC clients
	 * @param seconds length of the replay
	 * @param transactions create transactions committed
	 * @param perSecond transactions per second
	 * @param p50Millis median transaction latency
	 * @param p99Millis 99th percentile transaction latency
	 */
	public record Result(int clients, double seconds, long transactions, double perSecond, double p50Millis,
			double p99Millis) {
	}

}
