package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.orderflow.benchmark.infra.Postgres;

/**
 * A PostgreSQL 15 server of the suite's own: a data directory made with {@code initdb} in
 * the run directory and started with {@code pg_ctl} on its own port, so that the suite
 * can stop and restart it without touching the machine's shared server. When the suite
 * runs as root, the server runs as the {@code postgres} user (PostgreSQL refuses to run
 * as root). It records when each transaction committed ({@code track_commit_timestamp}),
 * by its own clock, which the clock-skew scenario reads.
 */
final class LocalPostgres implements AutoCloseable {

	private static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final Path dataDirectory;

	private final int port;

	private boolean running;

	private LocalPostgres(Path dataDirectory, int port) {
		this.dataDirectory = dataDirectory;
		this.port = port;
	}

	/**
	 * Creates an empty cluster in a new directory under {@code /tmp} (reachable by the
	 * {@code postgres} user, which {@code /work} need not be) and starts it on
	 * {@code port}; {@link #close()} stops it and deletes the directory.
	 */
	static LocalPostgres start(int port) throws IOException {
		Path directory = Files.createTempDirectory("orderflow-faults-postgres");
		Path data = directory.resolve("pgdata");
		LocalPostgres postgres = new LocalPostgres(data, port);
		if (asRoot()) {
			Command.run(List.of("chown", "postgres:postgres", directory.toString()), Map.of(), TIMEOUT);
		}
		postgres.tool("initdb", "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
		postgres.start();
		Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "stop-local-postgres"));
		return postgres;
	}

	Postgres postgres() {
		return Postgres.local(this.port);
	}

	int port() {
		return this.port;
	}

	synchronized void start() {
		tool("pg_ctl", "-D", this.dataDirectory.toString(), "-l",
				this.dataDirectory.resolveSibling("postgres.log").toString(), "-o", "-p " + this.port + " -k "
						+ this.dataDirectory + " -c listen_addresses=127.0.0.1 -c track_commit_timestamp=on",
				"-w", "-t", "60", "start");
		this.running = true;
	}

	/**
	 * Stops the server the way an operator restarting it does
	 * ({@code pg_ctl stop -m fast}): open transactions are rolled back, connections cut.
	 */
	synchronized void stop() {
		tool("pg_ctl", "-D", this.dataDirectory.toString(), "-m", "fast", "-w", "-t", "60", "stop");
		this.running = false;
	}

	private String tool(String name, String... arguments) {
		List<String> command = new ArrayList<>();
		if (asRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(BIN.resolve(name).toString());
		command.addAll(List.of(arguments));
		return Command.run(command, Map.of(), TIMEOUT);
	}

	private static boolean asRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

	@Override
	public synchronized void close() {
		if (this.running) {
			stop();
		}
		Command.attempt(List.of("rm", "-rf", "--one-file-system", this.dataDirectory.getParent().toString()), Map.of(),
				TIMEOUT);
	}

}
