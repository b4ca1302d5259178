package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A RabbitMQ node of the suite's own, started from the Debian package's scripts with its
 * own name, ports, data directory and Erlang cookie (the {@code HOME} it shares with the
 * suite's other nodes and {@code rabbitmqctl} calls), beside the machine's shared broker,
 * which is never touched. The node's OS process id is read right after it started:
 * RabbitMQ deletes its pid file as soon as it shuts down, and only this process is ever
 * signalled.
 */
final class BrokerNode {

	private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

	private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final String name;

	private final int port;

	private final int distributionPort;

	private final Path directory;

	private final Path home;

	private Process script;

	private long pid = -1;

	private BrokerNode(String name, int port, int distributionPort, Path directory, Path home) {
		this.name = name;
		this.port = port;
		this.distributionPort = distributionPort;
		this.directory = directory;
		this.home = home;
	}

	/**
	 * A node {@code shortName@localhost} listening on {@code 127.0.0.1:port}, its files
	 * under {@code home/shortName}, with a copy of {@code advancedConfig} as its
	 * {@code advanced.config} if given; not started yet.
	 */
	static BrokerNode create(Path home, String shortName, int port, int distributionPort, @Nullable Path advancedConfig)
			throws IOException {
		Cookie.ensure(home);
		Path directory = Files.createDirectories(home.resolve(shortName));
		if (advancedConfig != null) {
			// a node started again after the cluster scenario finds its files of before
			Files.copy(advancedConfig, directory.resolve("advanced.config"), StandardCopyOption.REPLACE_EXISTING);
		}
		Files.writeString(directory.resolve("rabbitmq.conf"), """
				listeners.tcp.default = 127.0.0.1:%d
				loopback_users = none
				""".formatted(port));
		Files.writeString(directory.resolve("enabled_plugins"), "[].\n");
		Files.writeString(directory.resolve("rabbitmq-env.conf"), "");
		return new BrokerNode(shortName + "@localhost", port, distributionPort, directory, home);
	}

	String name() {
		return this.name;
	}

	int port() {
		return this.port;
	}

	/** {@code 127.0.0.1:port}, for {@code spring.rabbitmq.addresses}. */
	String address() {
		return "127.0.0.1:" + this.port;
	}

	boolean isRunning() {
		return this.pid > 0 && ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

	/** Starts the node and waits until its applications run. */
	synchronized void start() throws IOException {
		Path pidFile = this.directory.resolve("node.pid");
		ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.directory.resolve("server.out").toFile()));
		Map<String, String> env = builder.environment();
		env.putAll(cliEnvironment());
		env.put("RABBITMQ_NODENAME", this.name);
		env.put("RABBITMQ_NODE_PORT", String.valueOf(this.port));
		env.put("RABBITMQ_DIST_PORT", String.valueOf(this.distributionPort));
		env.put("RABBITMQ_MNESIA_BASE", this.directory.resolve("mnesia").toString());
		env.put("RABBITMQ_LOG_BASE", this.directory.resolve("log").toString());
		env.put("RABBITMQ_PID_FILE", pidFile.toString());
		env.put("RABBITMQ_CONFIG_FILE", this.directory.resolve("rabbitmq.conf").toString());
		env.put("RABBITMQ_ADVANCED_CONFIG_FILE", this.directory.resolve("advanced.config").toString());
		env.put("RABBITMQ_ENABLED_PLUGINS_FILE", this.directory.resolve("enabled_plugins").toString());
		env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
		this.script = builder.start();
		ctl("wait", pidFile.toString(), "--timeout", String.valueOf(START_TIMEOUT.toSeconds()));
		this.pid = Long.parseLong(Files.readString(pidFile).trim());
	}

	/** Kills the node's Erlang VM at once (SIGKILL): a crash, no goodbye to its peers. */
	synchronized void kill() throws InterruptedException {
		ProcessHandle.of(this.pid).ifPresent(ProcessHandle::destroyForcibly);
		awaitExit(Duration.ofSeconds(30));
		if (this.script != null) {
			this.script.waitFor(30, TimeUnit.SECONDS);
		}
	}

	/**
	 * Stops the node the way its service manager does (SIGTERM to
	 * {@code rabbitmq-server}), forcibly after a minute.
	 */
	synchronized void stop() throws InterruptedException {
		if (this.script == null || !isRunning()) {
			return;
		}
		this.script.destroy();
		if (!awaitExit(Duration.ofSeconds(60))) {
			kill();
		}
	}

	private boolean awaitExit(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (isRunning()) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			Thread.sleep(100);
		}
		return true;
	}

	/** Runs {@code rabbitmqctl} against this node. */
	String ctl(String... arguments) {
		List<String> command = new java.util.ArrayList<>(List.of(CTL.toString(), "-n", this.name));
		command.addAll(List.of(arguments));
		return Command.run(command, cliEnvironment(), START_TIMEOUT);
	}

	private Map<String, String> cliEnvironment() {
		return Map.of("HOME", this.home.toString(), "RABBITMQ_CONF_ENV_FILE",
				this.directory.resolve("rabbitmq-env.conf").toString());
	}

	/** The Erlang cookie every node and CLI call of the suite shares. */
	private static final class Cookie {

		static synchronized void ensure(Path home) throws IOException {
			Path cookie = home.resolve(".erlang.cookie");
			if (Files.exists(cookie)) {
				return;
			}
			Files.createDirectories(home);
			Files.writeString(cookie, "ORDERFLOWFAULTS" + Long.toHexString(System.nanoTime()).toUpperCase());
			Files.setPosixFilePermissions(cookie, java.nio.file.attribute.PosixFilePermissions.fromString("r--------"));
		}

	}

}
