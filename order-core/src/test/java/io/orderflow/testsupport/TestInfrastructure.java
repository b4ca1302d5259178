package io.orderflow.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

import io.orderflow.messaging.Topology;

/**
 * The PostgreSQL and RabbitMQ that integration tests run against, resolved once per test
 * JVM: the servers named by {@code SPRING_DATASOURCE_*} / {@code SPRING_RABBITMQ_*}, else
 * the local defaults when they answer, else Testcontainers where Docker runs.
 *
 * <p>
 * Each run is isolated: it gets a database of its own and a topology prefix of its own,
 * both removed when the JVM exits. The apps reach the broker through a {@link TcpProxy}
 * so that tests can cut the link.
 */
public final class TestInfrastructure {

	private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	private static Endpoints endpoints;

	private TestInfrastructure() {
	}

	public static synchronized Endpoints endpoints() {
		if (endpoints == null) {
			endpoints = resolve();
			Runtime.getRuntime()
				.addShutdownHook(new Thread(TestInfrastructure::cleanUp, "test-infrastructure-cleanup"));
		}
		return endpoints;
	}

	public static void registerProperties(DynamicPropertyRegistry registry) {
		Endpoints resolved = endpoints();
		registry.add("spring.datasource.url", resolved::linkedJdbcUrl);
		registry.add("spring.datasource.username", resolved::dbUser);
		registry.add("spring.datasource.password", resolved::dbPassword);
		registry.add("spring.rabbitmq.addresses", () -> "127.0.0.1:" + resolved.brokerLink().port());
		registry.add("spring.rabbitmq.username", resolved::rabbitUser);
		registry.add("spring.rabbitmq.password", resolved::rabbitPassword);
		registry.add("order.messaging.topology-prefix", resolved::topologyPrefix);
	}

	private static Endpoints resolve() {
		Postgres postgres = resolvePostgres();
		String database = "orderflow_it_" + RUN_ID;
		execute(postgres, "CREATE DATABASE " + database);
		String jdbcUrl = postgres.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
		URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
		TcpProxy databaseLink = new TcpProxy(server.getHost(), (server.getPort() != -1) ? server.getPort() : 5432);
		Rabbit rabbit = resolveRabbit();
		TcpProxy brokerLink = new TcpProxy(rabbit.host(), rabbit.port());
		return new Endpoints(postgres, database, jdbcUrl, databaseLink, rabbit, brokerLink, "it-" + RUN_ID + ".");
	}

	private static Postgres resolvePostgres() {
		String url = System.getenv("SPRING_DATASOURCE_URL");
		if (url != null) {
			return new Postgres(url, env("SPRING_DATASOURCE_USERNAME", "postgres"),
					env("SPRING_DATASOURCE_PASSWORD", "postgres"));
		}
		Postgres local = new Postgres("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "postgres");
		if (reachable("127.0.0.1", 5432)) {
			return local;
		}
		requireDocker("PostgreSQL");
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
		container.start();
		return new Postgres(container.getJdbcUrl(), container.getUsername(), container.getPassword());
	}

	private static Rabbit resolveRabbit() {
		String host = System.getenv("SPRING_RABBITMQ_HOST");
		if (host != null) {
			return new Rabbit(host, Integer.parseInt(env("SPRING_RABBITMQ_PORT", "5672")),
					env("SPRING_RABBITMQ_USERNAME", "guest"), env("SPRING_RABBITMQ_PASSWORD", "guest"));
		}
		if (reachable("127.0.0.1", 5672)) {
			return new Rabbit("127.0.0.1", 5672, "guest", "guest");
		}
		requireDocker("RabbitMQ");
		RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4.1");
		container.start();
		return new Rabbit(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
				container.getAdminPassword());
	}

	private static void requireDocker(String service) {
		if (!DockerClientFactory.instance().isDockerAvailable()) {
			throw new IllegalStateException(service + " is not reachable (set SPRING_DATASOURCE_URL / "
					+ "SPRING_RABBITMQ_HOST, or run infra/services.sh up) and there is no Docker for Testcontainers");
		}
	}

	private static boolean reachable(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String env(String name, String fallback) {
		return Objects.requireNonNullElse(System.getenv(name), fallback);
	}

	private static void execute(Postgres postgres, String sql) {
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
				postgres.password()); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not run '" + sql + "' on " + postgres.jdbcUrl(), ex);
		}
	}

	private static void cleanUp() {
		Endpoints resolved = endpoints;
		resolved.brokerLink().close();
		deleteTopology(resolved);
		execute(resolved.postgres(), "DROP DATABASE IF EXISTS " + resolved.database() + " WITH (FORCE)");
	}

	private static void deleteTopology(Endpoints resolved) {
		Topology topology = new Topology(resolved.topologyPrefix());
		ConnectionFactory factory = new ConnectionFactory();
		Rabbit rabbit = resolved.rabbit();
		factory.setHost(rabbit.host());
		factory.setPort(rabbit.port());
		factory.setUsername(rabbit.user());
		factory.setPassword(rabbit.password());
		try (com.rabbitmq.client.Connection connection = factory.newConnection();
				Channel channel = connection.createChannel()) {
			for (String queue : topology.queues()) {
				channel.queueDelete(queue);
			}
			for (String exchange : topology.exchanges()) {
				channel.exchangeDelete(exchange);
			}
		}
		catch (Exception ex) {
			System.err.println("Could not delete the test topology " + resolved.topologyPrefix() + "*: " + ex);
		}
	}

	/**
	 * Where this test run's database and broker are.
	 *
	 * @param jdbcUrl this run's database, reached directly
	 * @param databaseLink the proxy the apps reach the database through
	 * @param brokerLink the proxy the apps reach the broker through
	 */
	public record Endpoints(Postgres postgres, String database, String jdbcUrl, TcpProxy databaseLink, Rabbit rabbit,
			TcpProxy brokerLink, String topologyPrefix) {

		/** This run's database, reached through {@link #databaseLink()}. */
		public String linkedJdbcUrl() {
			return this.jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + this.databaseLink.port() + "/");
		}

		public String dbUser() {
			return this.postgres.user();
		}

		public String dbPassword() {
			return this.postgres.password();
		}

		public String rabbitUser() {
			return this.rabbit.user();
		}

		public String rabbitPassword() {
			return this.rabbit.password();
		}

	}

	public record Postgres(String jdbcUrl, String user, String password) {
	}

	public record Rabbit(String host, int port, String user, String password) {
	}

}
