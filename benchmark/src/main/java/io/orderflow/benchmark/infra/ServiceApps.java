package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the service's two executable jars as child processes, against the benchmark's
 * database and the {@code bench.} topology, on free ports, so that a developer's running
 * {@code bin/start} is not disturbed. They run with the JVM options {@code bin/start}
 * gives them, from the same argument file ({@code java @bin/jvm.options -jar ...}, see
 * {@link ServiceJars}). order-api runs with the {@code dev} profile (its development
 * callback secret), trusts the tokens of this instance's {@link #tokens()}, and has its
 * actuator on a management port of its own.
 */
public final class ServiceApps {

	public static final String API = "order-api";

	public static final String CONSUMER = "order-timeout-consumer";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

	private final Path root;

	private final Path logs;

	private final Postgres postgres;

	private final String database;

	private final Rabbit rabbit;

	private final Actuator actuator = new Actuator();

	private final List<ServiceApp> running = new ArrayList<>();

	private final DevTokens tokens = DevTokens.generate();

	/** Ports the apps may listen on, lowest first; empty for any free port. */
	private final List<Integer> ports;

	private final java.util.Set<Integer> handedOut = new java.util.HashSet<>();

	/**
	 * @param database the service's database
	 */
	public ServiceApps(Path root, Path logs, Postgres postgres, String database, Rabbit rabbit) {
		this(root, logs, postgres, database, rabbit, List.of());
	}

	/**
	 * @param database the service's database
	 * @param ports the ports the apps may listen on (each takes the first free one), or
	 * empty for any free port
	 */
	public ServiceApps(Path root, Path logs, Postgres postgres, String database, Rabbit rabbit, List<Integer> ports) {
		this.ports = List.copyOf(ports);
		this.root = root;
		this.logs = logs;
		this.postgres = postgres;
		this.database = database;
		this.rabbit = rabbit;
		Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "stop-service-apps"));
	}

	/** Signs the tokens the order-api apps started here accept. */
	public DevTokens tokens() {
		return this.tokens;
	}

	/**
	 * Starts {@code module}'s jar and waits until its health endpoint reports UP.
	 * @param logName file name of its log under the logs directory
	 */
	public ServiceApp start(String module, String logName) throws IOException, InterruptedException {
		return start(module, logName, Map.of());
	}

	/**
	 * Starts {@code module}'s jar with {@code settings} added to its environment (they
	 * win over the ones set here) and waits until its health endpoint reports UP.
	 * @param logName file name of its log under the logs directory
	 */
	public ServiceApp start(String module, String logName, Map<String, String> settings)
			throws IOException, InterruptedException {
		Path jar = ServiceJars.jarOf(this.root, module);
		int port = freePort();
		// order-timeout-consumer serves its actuator on its server port
		int managementPort = API.equals(module) ? freePort() : port;
		Path log = this.logs.resolve(logName);
		ProcessBuilder builder = new ProcessBuilder(ServiceJars.javaExecutable(),
				"@" + this.root.resolve(ServiceJars.JVM_OPTIONS), "-jar", jar.toString())
			.directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", this.postgres.url(this.database));
		env.put("SPRING_DATASOURCE_USERNAME", this.postgres.user());
		env.put("SPRING_DATASOURCE_PASSWORD", this.postgres.password());
		env.put("SPRING_RABBITMQ_HOST", this.rabbit.host());
		env.put("SPRING_RABBITMQ_PORT", String.valueOf(this.rabbit.port()));
		env.put("ORDER_MESSAGING_TOPOLOGY_PREFIX", Rabbit.PREFIX);
		env.put("SERVER_PORT", String.valueOf(port));
		if (API.equals(module)) {
			env.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
			env.put("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION", this.tokens.publicKeyLocation());
			env.put("SPRING_PROFILES_ACTIVE", "dev");
		}
		env.putAll(settings);
		long started = System.nanoTime();
		Process process = builder.start();
		ServiceApp app = new ServiceApp(process, port, managementPort);
		this.running.add(app);
		long deadline = started + START_TIMEOUT.toNanos();
		while (!this.actuator.isUp(app)) {
			if (!process.isAlive()) {
				throw new IllegalStateException(module + " exited during start-up (exit code " + process.exitValue()
						+ "); last lines of " + log + ":\n" + tail(log, 40));
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						module + " not UP within " + START_TIMEOUT + "; last lines of " + log + ":\n" + tail(log, 40));
			}
			Thread.sleep(50);
		}
		app.startedAfter(Duration.ofNanos(System.nanoTime() - started));
		return app;
	}

	/** A counter or gauge of the app's {@code /actuator/metrics}, or NaN if absent. */
	public double metric(ServiceApp app, String name) {
		return this.actuator.metric(app, name);
	}

	/**
	 * Stops the app gracefully (SIGTERM) and waits until it exited, forcibly after 30 s.
	 */
	public void stop(ServiceApp app) throws InterruptedException {
		app.process().destroy();
		if (!app.process().waitFor(30, TimeUnit.SECONDS)) {
			app.process().destroyForcibly().waitFor();
		}
		this.running.remove(app);
	}

	/**
	 * Kills the app at once (SIGKILL): no shutdown hook, no graceful stop, whatever it
	 * was doing is cut off.
	 */
	public void kill(ServiceApp app) throws InterruptedException {
		app.process().destroyForcibly().waitFor();
		this.running.remove(app);
	}

	public void stopAll() {
		for (ServiceApp app : List.copyOf(this.running)) {
			try {
				stop(app);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				app.process().destroyForcibly();
			}
		}
	}

	/**
	 * A free port: any, or the first of {@link #ports} that is neither listened on nor
	 * handed out before (apps starting at the same time must not get the same one).
	 */
	private synchronized int freePort() throws IOException {
		if (this.ports.isEmpty()) {
			try (ServerSocket socket = new ServerSocket(0)) {
				socket.setReuseAddress(true);
				return socket.getLocalPort();
			}
		}
		for (int port : this.ports) {
			if (!this.handedOut.contains(port) && !inUse(port)) {
				this.handedOut.add(port);
				return port;
			}
		}
		throw new IllegalStateException("no free port among " + this.ports);
	}

	private static boolean inUse(int port) {
		try (ServerSocket socket = new ServerSocket(port)) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	private static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(all.size() - lines, 0), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

}
