package io.orderflow.benchmark.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * Writes pending orders straight into the service's tables, as a placed order leaves them
 * (the order, its two items, its {@code order.created} event and its payment timer in the
 * outbox), for the parts of a workload whose creation is not what is measured. The
 * service's own outbox relay then publishes the timers into its delay levels, as it does
 * for orders placed through the API; the events are stored as already published, since
 * they play no part in the timers.
 *
 * <p>
 * The message payloads are copies of ones the service wrote itself, with the order
 * number, timer id and due instant replaced, so they follow whatever its message
 * contracts currently are.
 */
public final class ServiceTables {

	private static final Pattern INSTANT = Pattern.compile("\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\"");

	private static final String INSERT_ORDER = """
			WITH placed AS (
			    INSERT INTO orders (order_no, customer_id, status, currency, total_amount, created_at, payment_deadline)
			    VALUES (?, ?, 'PENDING_PAYMENT', 'CNY', 44.80, ?, ?)
			    RETURNING id
			)
			INSERT INTO order_items (order_id, line_no, sku, quantity, unit_price)
			SELECT id, 1, 'SKU-1', 2, 19.90 FROM placed
			UNION ALL
			SELECT id, 2, 'SKU-2', 1, 5.00 FROM placed""";

	private static final String INSERT_OUTBOX = """
			INSERT INTO outbox_message (id, kind, destination, payload, deliver_at, created_at, next_attempt_at,
			                            published_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)""";

	private final DataSource dataSource;

	private final String sampleOrderNo;

	private final String sampleTimerId;

	private final String timerTemplate;

	private final String eventTemplate;

	private ServiceTables(DataSource dataSource, String sampleOrderNo, String sampleTimerId, String timerTemplate,
			String eventTemplate) {
		this.dataSource = dataSource;
		this.sampleOrderNo = sampleOrderNo;
		this.sampleTimerId = sampleTimerId;
		this.timerTemplate = timerTemplate;
		this.eventTemplate = eventTemplate;
	}

	/** Takes its templates from an order the service placed through its API. */
	public static ServiceTables of(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String orderNo;
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT order_no FROM orders WHERE customer_id = ? LIMIT 1")) {
				statement.setString(1, OrderSpec.LOAD);
				try (ResultSet rs = statement.executeQuery()) {
					if (!rs.next()) {
						throw new IllegalStateException("the service placed no order to copy");
					}
					orderNo = rs.getString(1);
				}
			}
			String[] timer = message(connection, "payment-timeout", orderNo);
			String[] event = message(connection, "order.created", orderNo);
			return new ServiceTables(dataSource, orderNo, timer[0], timer[1], event[1]);
		}
	}

	private static String[] message(Connection connection, String destination, String orderNo) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(
				"SELECT id, payload FROM outbox_message WHERE destination = ? AND payload LIKE ? LIMIT 1")) {
			statement.setString(1, destination);
			statement.setString(2, "%" + orderNo + "%");
			try (ResultSet rs = statement.executeQuery()) {
				if (!rs.next()) {
					throw new IllegalStateException("no " + destination + " message of order " + orderNo);
				}
				return new String[] { rs.getString(1), rs.getString(2) };
			}
		}
	}

	/** Inserts one pending order per spec, committing every 1,000. */
	public void insert(List<OrderSpec> specs) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement order = connection.prepareStatement(INSERT_ORDER);
					PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
				int batched = 0;
				for (OrderSpec spec : specs) {
					Instant now = Instant.now();
					Instant deadline = spec.deadlineFrom(now);
					OffsetDateTime created = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
					OffsetDateTime due = OffsetDateTime.ofInstant(deadline, ZoneOffset.UTC);
					String orderNo = UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
					order.setString(1, orderNo);
					order.setString(2, spec.customerId());
					order.setObject(3, created);
					order.setObject(4, due);
					order.addBatch();
					UUID eventId = UUID.randomUUID();
					outbox.setObject(1, eventId);
					outbox.setString(2, "EVENT");
					outbox.setString(3, "order.created");
					outbox.setString(4, this.eventTemplate.replace(this.sampleOrderNo, orderNo));
					outbox.setObject(5, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
					outbox.setObject(6, created);
					outbox.setObject(7, created);
					// published when the order was placed; nothing here waits for it
					outbox.setObject(8, created);
					outbox.addBatch();
					UUID timerId = UUID.randomUUID();
					outbox.setObject(1, timerId);
					outbox.setString(2, "TIMER");
					outbox.setString(3, "payment-timeout");
					outbox.setString(4, timerPayload(orderNo, timerId, deadline));
					outbox.setObject(5, due);
					outbox.setObject(6, created);
					outbox.setObject(7, created);
					outbox.setObject(8, null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
					outbox.addBatch();
					if (++batched == 1000) {
						order.executeBatch();
						outbox.executeBatch();
						connection.commit();
						batched = 0;
					}
				}
				order.executeBatch();
				outbox.executeBatch();
				connection.commit();
			}
		}
	}

	private String timerPayload(String orderNo, UUID timerId, Instant deadline) {
		String payload = this.timerTemplate.replace(this.sampleOrderNo, orderNo)
			.replace(this.sampleTimerId, timerId.toString());
		return INSTANT.matcher(payload).replaceAll(Matcher.quoteReplacement("\"" + deadline + "\""));
	}

}
