package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import com.rabbitmq.client.Address;
import com.zaxxer.hikari.HikariDataSource;

import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.messaging.Topology;

/**
 * Where one scenario plays: a database of its own in the suite's PostgreSQL, a topology
 * prefix of its own on the suite's broker (a single node or the cluster), the service's
 * apps started against both on the suite's ports, the event tap, and a pool for reading
 * the outcome.
 */
final class Stage implements AutoCloseable {

	/** The ports the suite's apps listen on. */
	static final List<Integer> APP_PORTS = IntStream.rangeClosed(19000, 19099).boxed().toList();

	private final ServiceApps apps;

	private final Map<String, String> settings;

	private final EventTap tap;

	private final HikariDataSource pool;

	private final LocalPostgres server;

	private final String database;

	private final List<BrokerNode> brokers;

	private final Topology topology;

	private Stage(ServiceApps apps, Map<String, String> settings, EventTap tap, HikariDataSource pool,
			LocalPostgres server, String database, List<BrokerNode> brokers, Topology topology) {
		this.apps = apps;
		this.settings = settings;
		this.tap = tap;
		this.pool = pool;
		this.server = server;
		this.database = database;
		this.brokers = brokers;
		this.topology = topology;
	}

	/**
	 * A fresh database {@code faults_<id>} and the topology prefix {@code <id>.} on
	 * {@code brokers}, which the apps reach through {@code spring.rabbitmq.addresses}.
	 */
	static Stage open(String id, Path root, Path logs, LocalPostgres server, List<BrokerNode> brokers,
			Map<String, String> settings) throws IOException, SQLException, TimeoutException {
		Postgres postgres = server.postgres();
		String database = "faults_" + id.replace('-', '_');
		postgres.recreate(database);
		postgres.migrate(database);
		String prefix = "faults." + id + ".";
		Map<String, String> env = new HashMap<>();
		env.put("ORDER_MESSAGING_TOPOLOGY_PREFIX", prefix);
		env.put("SPRING_RABBITMQ_ADDRESSES", String.join(",", brokers.stream().map(BrokerNode::address).toList()));
		env.putAll(settings);
		Path scenarioLogs = Files.createDirectories(logs.resolve(id));
		BrokerNode first = brokers.get(0);
		Rabbit rabbit = Rabbit.at("127.0.0.1", first.port());
		rabbit.close();
		ServiceApps apps = new ServiceApps(root, scenarioLogs, postgres, database, rabbit, APP_PORTS);
		List<Address> addresses = brokers.stream().map((node) -> new Address("127.0.0.1", node.port())).toList();
		Topology topology = new Topology(prefix);
		EventTap tap = EventTap.open(addresses, topology);
		return new Stage(apps, env, tap, postgres.pool(database, 4, "faults-ledger"), server, database, brokers,
				topology);
	}

	ServiceApp startApi(String name) throws IOException, InterruptedException {
		return startApi(name, Map.of());
	}

	/**
	 * Starts an order-api instance with {@code more} added to the scenario's settings
	 * (they win).
	 */
	ServiceApp startApi(String name, Map<String, String> more) throws IOException, InterruptedException {
		return this.apps.start(ServiceApps.API, name + ".log", with(more));
	}

	ServiceApp startConsumer(String name) throws IOException, InterruptedException {
		return startConsumer(name, Map.of());
	}

	/**
	 * Starts a consumer instance with {@code more} added to the scenario's settings (they
	 * win).
	 */
	ServiceApp startConsumer(String name, Map<String, String> more) throws IOException, InterruptedException {
		return this.apps.start(ServiceApps.CONSUMER, name + ".log", with(more));
	}

	private Map<String, String> with(Map<String, String> more) {
		Map<String, String> env = new HashMap<>(this.settings);
		env.putAll(more);
		return env;
	}

	/**
	 * Starts {@code apis} order-api and {@code consumers} consumer instances, all at
	 * once, order-api instances first in the answer.
	 */
	List<ServiceApp> start(int apis, int consumers, Timeline timeline) throws Exception {
		return start(apis, Collections.nCopies(consumers, Map.of()), timeline);
	}

	/**
	 * Starts {@code apis} order-api instances and one consumer instance per entry of
	 * {@code consumers}, with that entry added to its settings, all at once, order-api
	 * instances first in the answer.
	 */
	List<ServiceApp> start(int apis, List<Map<String, String>> consumers, Timeline timeline) throws Exception {
		return start(Collections.nCopies(apis, Map.of()), consumers, timeline);
	}

	/**
	 * Starts one order-api instance per entry of {@code apis} and one consumer instance
	 * per entry of {@code consumers}, each with its entry added to its settings, all at
	 * once, order-api instances first in the answer.
	 */
	List<ServiceApp> start(List<Map<String, String>> apiSettings, List<Map<String, String>> consumers,
			Timeline timeline) throws Exception {
		int apis = apiSettings.size();
		ServiceApp[] started = new ServiceApp[apis + consumers.size()];
		List<Thread> threads = new ArrayList<>();
		List<Exception> failures = new ArrayList<>();
		for (int i = 0; i < started.length; i++) {
			int index = i;
			boolean api = i < apis;
			String name = api ? "api-" + (i + 1) : "consumer-" + (i - apis + 1);
			Thread thread = new Thread(() -> {
				try {
					started[index] = api ? startApi(name, apiSettings.get(index))
							: startConsumer(name, consumers.get(index - apis));
				}
				catch (Exception ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
			}, "start-" + name);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			throw failures.get(0);
		}
		timeline.note(apis + " order-api and " + consumers.size() + " consumer instances UP");
		return List.of(started);
	}

	/**
	 * The settings that point an app at the scenario's database and its first broker node
	 * through {@code database} and {@code broker} instead of directly.
	 */
	Map<String, String> through(Link database, Link broker) {
		return Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:%d/%s?reWriteBatchedInserts=true"
			.formatted(database.port(), this.database), "SPRING_RABBITMQ_ADDRESSES", "127.0.0.1:" + broker.port());
	}

	ServiceApps apps() {
		return this.apps;
	}

	/** A checkout placing orders through the first {@code apis} of {@code apps}. */
	Checkout checkout(List<ServiceApp> apps, int apis) {
		return new Checkout(this.apps.tokens().checkout(), apps.subList(0, apis));
	}

	EventTap tap() {
		return this.tap;
	}

	LedgerCheck check() {
		return new LedgerCheck(this.pool, this.tap);
	}

	/** The suite's PostgreSQL server, to stop and start. */
	LocalPostgres server() {
		return this.server;
	}

	/** The service's exchange and queue names in this scenario. */
	Topology topology() {
		return this.topology;
	}

	/** A new connection to the scenario's broker, as {@code guest}. */
	com.rabbitmq.client.Connection connect(String name) throws IOException, TimeoutException {
		return new com.rabbitmq.client.ConnectionFactory()
			.newConnection(this.brokers.stream().map((node) -> new Address("127.0.0.1", node.port())).toList(), name);
	}

	List<BrokerNode> brokers() {
		return this.brokers;
	}

	@Override
	public void close() throws IOException, SQLException {
		this.apps.stopAll();
		this.tap.close();
		this.pool.close();
		this.server.postgres().drop(this.database);
	}

}
