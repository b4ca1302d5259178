package io.orderflow.benchmark.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * The local PostgreSQL: one database per design, created afresh for every run and given
 * the service's own schema by running its Flyway migrations.
 */
public final class Postgres {

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	Postgres(String host, int port, String user, String password) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
	}

	public static Postgres fromEnvironment() {
		return new Postgres(env("BENCHMARK_PG_HOST", "127.0.0.1"), Integer.parseInt(env("BENCHMARK_PG_PORT", "5432")),
				env("SPRING_DATASOURCE_USERNAME", "postgres"), env("SPRING_DATASOURCE_PASSWORD", "postgres"));
	}

	/**
	 * A PostgreSQL on this machine at {@code port} whose user {@code postgres} logs in
	 * without a password (trust), as {@code initdb -A trust -U postgres} makes it.
	 */
	public static Postgres local(int port) {
		return new Postgres("127.0.0.1", port, "postgres", "");
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** JDBC URL of {@code database}, with the same options the apps use. */
	String url(String database) {
		return "jdbc:postgresql://%s:%d/%s?reWriteBatchedInserts=true".formatted(this.host, this.port, database);
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	/**
	 * Drops {@code database} (disconnecting whoever is connected) and creates it empty.
	 */
	public void recreate(String database) throws SQLException {
		drop(database);
		try (Connection connection = admin(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE \"" + database + "\"");
		}
	}

	public void drop(String database) throws SQLException {
		try (Connection connection = admin(); Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
		}
	}

	/** Creates the service's schema in {@code database} with its own migrations. */
	public void migrate(String database) {
		Flyway.configure()
			.dataSource(url(database), this.user, this.password)
			.locations("classpath:db/migration")
			.load()
			.migrate();
	}

	public HikariDataSource pool(String database, int size, String name) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url(database));
		config.setUsername(this.user);
		config.setPassword(this.password);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(1);
		config.setPoolName(name);
		return new HikariDataSource(config);
	}

	public String version() throws SQLException {
		try (Connection connection = admin();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("SHOW server_version")) {
			rs.next();
			return "PostgreSQL " + rs.getString(1);
		}
	}

	public static long databaseSize(DataSource dataSource) throws SQLException {
		return queryLong(dataSource, "SELECT pg_database_size(current_database())");
	}

	public static long queryLong(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Connection admin() throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://%s:%d/postgres".formatted(this.host, this.port),
				this.user, this.password);
	}

}
