package io.orderflow.benchmark.workload;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.orderflow.order.Order;

/**
 * One transaction of the service's, as its code handed it to the JDBC driver, replayed
 * without the service's code around it: the statements it prepared and every call on them
 * and on their results, in order. Recorded by placing one order through
 * {@link ServicePlacement}, so the statements and values are whatever the service's code
 * and schema currently are; replaying them costs the load generator next to nothing, so
 * that what limits the replay is the database.
 *
 * <p>
 * A replay renews what must differ from one transaction to the next and keeps the rest:
 * the order number becomes a fresh one, every UUID a fresh one, every timestamp moves by
 * the time since the recording, and a value the transaction read back (the order's
 * generated id) becomes the one the replay reads back. Statements are prepared once per
 * connection and kept for its next transactions.
 */
final class RecordedTransaction {

	/** The target of the calls that prepare statements. */
	private static final int CONNECTION = -1;

	private final List<Call> calls;

	private final String orderNo;

	private final Instant recordedAt;

	private RecordedTransaction(List<Call> calls, String orderNo, Instant recordedAt) {
		this.calls = List.copyOf(calls);
		this.orderNo = orderNo;
		this.recordedAt = recordedAt;
	}

	/**
	 * Places the order of {@code spec} through the service on {@code dataSource} and
	 * records what its transaction sent.
	 */
	static RecordedTransaction placing(DataSource dataSource, OrderSpec spec) throws Exception {
		Recorder recorder = new Recorder();
		try (ServicePlacement placement = ServicePlacement.on(recorder.wrap(dataSource), 1)) {
			Order order = placement.place(spec);
			return new RecordedTransaction(recorder.calls, order.orderNo(), order.createdAt());
		}
	}

	/**
	 * Replays the transaction on {@code connection}, without committing it.
	 * @param prepared the statements this connection prepared in earlier replays, by the
	 * call that prepared them; kept by the caller from one replay to the next
	 */
	void replay(Connection connection, Map<Integer, PreparedStatement> prepared) throws SQLException {
		Map<Object, Object> renewed = new HashMap<>();
		renewed.put(this.orderNo, freshOrderNo());
		Duration shift = Duration.between(this.recordedAt, Instant.now());
		Object[] created = new Object[this.calls.size()];
		for (int i = 0; i < this.calls.size(); i++) {
			Call call = this.calls.get(i);
			if (call.target() == CONNECTION) {
				if (!prepared.containsKey(i)) {
					prepared.put(i, (PreparedStatement) invoke(call.method(), connection, call.args()));
				}
				created[i] = prepared.get(i);
			}
			else if (!(created[call.target()] instanceof PreparedStatement
					&& call.method().getName().equals("close"))) {
				Object returned = invoke(call.method(), created[call.target()], renew(call.args(), renewed, shift));
				if (returned instanceof ResultSet) {
					created[i] = returned;
				}
				else if (call.readBack() != null) {
					renewed.put(call.readBack(), returned);
				}
			}
		}
	}

	private static Object[] renew(Object[] args, Map<Object, Object> renewed, Duration shift) {
		if (args == null) {
			return null;
		}
		Object[] fresh = args.clone();
		for (int i = 0; i < fresh.length; i++) {
			Object arg = fresh[i];
			if (arg instanceof UUID) {
				fresh[i] = renewed.computeIfAbsent(arg, (recorded) -> UUID.randomUUID());
			}
			else if (arg instanceof OffsetDateTime timestamp) {
				fresh[i] = timestamp.plus(shift);
			}
			else if (arg != null && renewed.containsKey(arg)) {
				fresh[i] = renewed.get(arg);
			}
		}
		return fresh;
	}

	private static String freshOrderNo() {
		return UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase();
	}

	private static Object invoke(Method method, Object target, Object[] args) throws SQLException {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof SQLException sql) {
				throw sql;
			}
			throw new IllegalStateException("replaying " + method + " failed", ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One call on a prepared statement or a result set, or one that prepared a statement.
	 *
	 * @param target the call that created the object called, or {@link #CONNECTION}
	 * @param readBack the value a result set answered, or {@code null}
	 */
	private record Call(int target, Method method, Object[] args, Object readBack) {
	}

	/**
	 * Wraps a data source so that the statements prepared on its connections, and their
	 * results, record every call made on them.
	 */
	private static final class Recorder {

		private final List<Call> calls = new ArrayList<>();

		DataSource wrap(DataSource dataSource) {
			return proxy(DataSource.class, (proxy, method, args) -> {
				Object returned = call(method, dataSource, args);
				return (returned instanceof Connection connection) ? connection(connection) : returned;
			});
		}

		private Connection connection(Connection connection) {
			return proxy(Connection.class, (proxy, method, args) -> {
				Object returned = call(method, connection, args);
				if (returned instanceof PreparedStatement statement) {
					return recorded(PreparedStatement.class, statement, record(CONNECTION, method, args, null));
				}
				return returned;
			});
		}

		private <T> T recorded(Class<T> type, T target, int id) {
			return proxy(type, (proxy, method, args) -> {
				Object returned = call(method, target, args);
				if (returned instanceof ResultSet resultSet) {
					return recorded(ResultSet.class, resultSet, record(id, method, args, null));
				}
				boolean value = target instanceof ResultSet && method.getName().startsWith("get")
						&& !(returned instanceof ResultSet);
				record(id, method, args, value ? returned : null);
				return returned;
			});
		}

		private int record(int target, Method method, Object[] args, Object readBack) {
			this.calls.add(new Call(target, method, (args != null) ? args.clone() : null, readBack));
			return this.calls.size() - 1;
		}

		private static Object call(Method method, Object target, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

		@SuppressWarnings("unchecked")
		private static <T> T proxy(Class<T> type, InvocationHandler handler) {
			return (T) Proxy.newProxyInstance(RecordedTransaction.class.getClassLoader(), new Class<?>[] { type },
					handler);
		}

	}

}
