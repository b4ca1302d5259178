package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.orderflow.benchmark.Design;

/**
 * Starts the service's two executable jars as child processes, against the benchmark's
 * database and the {@code bench.} topology, on free ports, so that a developer's running
 * {@code bin/start} is not disturbed. They run with the JVM options {@code bin/start}
 * gives them, from the same argument file ({@code java @bin/jvm.options -jar ...}).
 * order-api runs with the {@code dev} profile (its development callback secret), trusts
 * the tokens of this instance's {@link #tokens()}, and has its actuator on a management
 * port of its own.
 */
public final class ServiceApps {

	public static final String API = "order-api";

	public static final String CONSUMER = "order-timeout-consumer";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private static final Pattern UP = Pattern.compile("\"status\"\\s*:\\s*\"UP\"");

	private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.eE+]+)");

	private static final String JVM_OPTIONS = "bin/jvm.options";

	private final Path root;

	private final Path logs;

	private final Postgres postgres;

	private final Rabbit rabbit;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final List<App> running = new ArrayList<>();

	private final DevTokens tokens = DevTokens.generate();

	public ServiceApps(Path root, Path logs, Postgres postgres, Rabbit rabbit) {
		this.root = root;
		this.logs = logs;
		this.postgres = postgres;
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
	public App start(String module, String logName) throws IOException, InterruptedException {
		Path jar = jarOf(module);
		int port = freePort();
		// order-timeout-consumer serves its actuator on its server port
		int managementPort = API.equals(module) ? freePort() : port;
		Path log = this.logs.resolve(logName);
		ProcessBuilder builder = new ProcessBuilder(javaExecutable(), "@" + this.root.resolve(JVM_OPTIONS), "-jar",
				jar.toString())
			.directory(this.root.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.put("SPRING_DATASOURCE_URL", this.postgres.url(Design.SERVICE.database()));
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
		long started = System.nanoTime();
		Process process = builder.start();
		App app = new App(module, process, port, managementPort, log);
		this.running.add(app);
		long deadline = started + START_TIMEOUT.toNanos();
		while (!isUp(app)) {
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
		app.startup = Duration.ofNanos(System.nanoTime() - started);
		return app;
	}

	/**
	 * The options in {@code bin/jvm.options}, one per line as java reads them, without
	 * the comments.
	 */
	public static List<String> jvmOptions(Path root) throws IOException {
		return Files.readAllLines(root.resolve(JVM_OPTIONS))
			.stream()
			.map(String::trim)
			.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
			.toList();
	}

	private boolean isUp(App app) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(app.managementUri("/actuator/health"))
				.timeout(Duration.ofSeconds(2))
				.build(), HttpResponse.BodyHandlers.ofString());
			return response.statusCode() == 200 && UP.matcher(response.body()).find();
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** A counter or gauge of the app's {@code /actuator/metrics}, or NaN if absent. */
	public double metric(App app, String name) {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(app.managementUri("/actuator/metrics/" + name))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			Matcher matcher = VALUE.matcher(response.body());
			return (response.statusCode() == 200 && matcher.find()) ? Double.parseDouble(matcher.group(1)) : Double.NaN;
		}
		catch (IOException ex) {
			return Double.NaN;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Double.NaN;
		}
	}

	/**
	 * Stops the app gracefully (SIGTERM) and waits until it exited, forcibly after 30 s.
	 */
	public void stop(App app) throws InterruptedException {
		app.process.destroy();
		if (!app.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
			app.process.destroyForcibly().waitFor();
		}
		this.running.remove(app);
	}

	public void stopAll() {
		for (App app : List.copyOf(this.running)) {
			try {
				stop(app);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				app.process.destroyForcibly();
			}
		}
	}

	/**
	 * Newest executable jar of a module, skipping the plain/tests/sources/javadoc ones.
	 */
	private Path jarOf(String module) throws IOException {
		Path target = this.root.resolve(module).resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			Optional<Path> jar = files.filter((file) -> {
				String name = file.getFileName().toString();
				return name.startsWith(module + "-") && name.endsWith(".jar") && !name.endsWith("-plain.jar")
						&& !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar")
						&& !name.endsWith("-javadoc.jar");
			}).max(Comparator.comparing(ServiceApps::lastModified));
			return jar.orElseThrow(() -> new IllegalStateException(
					"no jar in " + target + "; build with ./mvnw -B -DskipTests -Pbenchmark package"));
		}
		catch (java.nio.file.NoSuchFileException ex) {
			throw new IllegalStateException("no " + target + "; build with ./mvnw -B -DskipTests -Pbenchmark package",
					ex);
		}
	}

	private static long lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
	}

	static String tail(Path file, int lines) {
		try {
			List<String> all = Files.readAllLines(file);
			return String.join("\n", all.subList(Math.max(all.size() - lines, 0), all.size()));
		}
		catch (IOException | UncheckedIOException ex) {
			return "(cannot read " + file + ": " + ex.getMessage() + ")";
		}
	}

	/** A started app. */
	public static final class App {

		private final String module;

		private final Process process;

		private final int port;

		private final int managementPort;

		private final Path log;

		private Duration startup = Duration.ZERO;

		App(String module, Process process, int port, int managementPort, Path log) {
			this.module = module;
			this.process = process;
			this.port = port;
			this.managementPort = managementPort;
			this.log = log;
		}

		String module() {
			return this.module;
		}

		public long pid() {
			return this.process.pid();
		}

		public URI uri(String path) {
			return URI.create("http://127.0.0.1:" + this.port + path);
		}

		/**
		 * The actuator's port: order-api's management port, the consumer's server port.
		 */
		URI managementUri(String path) {
			return URI.create("http://127.0.0.1:" + this.managementPort + path);
		}

		/** Process start until the health endpoint first answered UP. */
		public Duration startup() {
			return this.startup;
		}

		Path log() {
			return this.log;
		}

		public long rssKb() {
			return Machine.rssKb(this.process.pid());
		}

	}

}
