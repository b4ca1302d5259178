package io.orderflow.benchmark.workload;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.infra.Postgres;

/**
 * The database's ceiling for the service's create transaction: the same statements (an
 * order, its two items, its {@code order.created} event and its payment timer in the
 * outbox, one commit), with the same payloads and the same JDBC driver options, replayed
 * directly by as many clients as the HTTP load uses, without HTTP, JSON or the broker.
 */
public final class DbCeiling {

	// The statements of Orders.insert and OutboxRepository.insert, as the service sends
	// them.
	private static final String INSERT_ORDER = """
			INSERT INTO orders (order_no, customer_id, status, currency, total_amount, created_at, payment_deadline)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			RETURNING id""";

	private static final String INSERT_ITEM = """
			INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price)
			VALUES (?, ?, ?, ?, ?)""";

	private static final String INSERT_OUTBOX = """
			INSERT INTO outbox_message (id, kind, destination, payload, deliver_at, created_at, next_attempt_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)""";

	private static final String CEILING_DATABASE = "orderflow_bench_ceiling";

	private DbCeiling() {
	}

	/**
	 * Replays the service's create transaction, with payloads the service wrote, on a
	 * fresh database with the same schema, dropped again afterwards.
	 */
	public static Result measure(Postgres postgres, DataSource serviceDb, int clients, Duration duration)
			throws SQLException, InterruptedException {
		String event = samplePayload(serviceDb, "order.created");
		String timer = samplePayload(serviceDb, "payment-timeout");
		postgres.recreate(CEILING_DATABASE);
		postgres.migrate(CEILING_DATABASE);
		try (HikariDataSource dataSource = postgres.pool(CEILING_DATABASE, clients, "ceiling")) {
			return run(dataSource, clients, duration, event, timer);
		}
		finally {
			postgres.drop(CEILING_DATABASE);
		}
	}

	private static String samplePayload(DataSource dataSource, String destination) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection
					.prepareStatement("SELECT payload FROM outbox_message WHERE destination = ? LIMIT 1")) {
			statement.setString(1, destination);
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("the service wrote no " + destination + " message");
				}
				return rs.getString(1);
			}
		}
	}

	private static Result run(DataSource dataSource, int clients, Duration duration, String eventPayload,
			String timerPayload) throws InterruptedException {
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
					try (PreparedStatement order = connection.prepareStatement(INSERT_ORDER);
							PreparedStatement item = connection.prepareStatement(INSERT_ITEM);
							PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
						while (System.nanoTime() < end) {
							long begun = System.nanoTime();
							createOrder(order, item, outbox, eventPayload, timerPayload);
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

	private static void createOrder(PreparedStatement order, PreparedStatement item, PreparedStatement outbox,
			String eventPayload, String timerPayload) throws SQLException {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		OffsetDateTime deadline = now.plusMinutes(30);
		order.setString(1, UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase());
		order.setString(2, "ceiling");
		order.setString(3, "PENDING_PAYMENT");
		order.setString(4, "CNY");
		order.setBigDecimal(5, new BigDecimal("44.80"));
		order.setObject(6, now);
		order.setObject(7, deadline);
		long id;
		try (ResultSet rs = order.executeQuery()) {
			rs.next();
			id = rs.getLong(1);
		}
		addItem(item, id, 1, "SKU-1", 2, "19.90");
		addItem(item, id, 2, "SKU-2", 1, "5.00");
		item.executeBatch();
		// the service writes a transaction's outbox rows in one batch before it commits
		addOutbox(outbox, "EVENT", "order.created", eventPayload, null, now);
		outbox.addBatch();
		addOutbox(outbox, "TIMER", "payment-timeout", timerPayload, deadline, now);
		outbox.addBatch();
		outbox.executeBatch();
	}

	private static void addItem(PreparedStatement item, long orderId, int lineNo, String sku, int quantity,
			String unitPrice) throws SQLException {
		item.setLong(1, orderId);
		item.setInt(2, lineNo);
		item.setString(3, sku);
		item.setInt(4, quantity);
		item.setBigDecimal(5, new BigDecimal(unitPrice));
		item.addBatch();
	}

	private static void addOutbox(PreparedStatement outbox, String kind, String destination, String payload,
			OffsetDateTime deliverAt, OffsetDateTime now) throws SQLException {
		outbox.setObject(1, UUID.randomUUID());
		outbox.setString(2, kind);
		outbox.setString(3, destination);
		outbox.setString(4, payload);
		if (deliverAt != null) {
			outbox.setObject(5, deliverAt);
		}
		else {
			outbox.setNull(5, Types.TIMESTAMP_WITH_TIMEZONE);
		}
		outbox.setObject(6, now);
		outbox.setObject(7, now);
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
