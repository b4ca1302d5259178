package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.orderflow.messaging.DelayLevels;
import io.orderflow.messaging.Topology;

/**
 * The local RabbitMQ. Everything the benchmark declares, and the service's topology it
 * runs with, carries the prefix {@code bench.}, so a developer's own topology on the same
 * broker is never touched.
 */
public final class Rabbit implements AutoCloseable {

	public static final String PREFIX = "bench.";

	/** Levels 0 to 5: waits of 1 to 32 s, passed within a minute of publishing. */
	private static final int SHORT_LEVELS = 6;

	private static final Pattern OK_VALUE = Pattern.compile("\\{ok,\\s*(\\d+)}");

	/**
	 * The service's delay-level queues, {@code bench.order.timers.L00} to {@code L27}.
	 */
	private static final Pattern DELAY_LEVEL = Pattern.compile(Pattern.quote(PREFIX + "order.timers.L") + "\\d\\d");

	private final ConnectionFactory factory;

	private final Connection admin;

	private Rabbit(ConnectionFactory factory) throws IOException, TimeoutException {
		this.factory = factory;
		this.admin = factory.newConnection("benchmark-admin");
	}

	public static Rabbit fromEnvironment() throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(env("SPRING_RABBITMQ_HOST", "127.0.0.1"));
		factory.setPort(Integer.parseInt(env("SPRING_RABBITMQ_PORT", "5672")));
		factory.setUsername(env("SPRING_RABBITMQ_USERNAME", "guest"));
		factory.setPassword(env("SPRING_RABBITMQ_PASSWORD", "guest"));
		return new Rabbit(factory);
	}

	/** A broker node at {@code host:port}, logged in as {@code guest}. */
	public static Rabbit at(String host, int port) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(host);
		factory.setPort(port);
		return new Rabbit(factory);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	String host() {
		return this.factory.getHost();
	}

	int port() {
		return this.factory.getPort();
	}

	public Connection newConnection(String name) throws IOException, TimeoutException {
		return this.factory.newConnection(name);
	}

	/**
	 * {@code RabbitMQ <version> on <Erlang platform>}, as the broker announces itself.
	 */
	public String version() {
		Object version = this.admin.getServerProperties().get("version");
		Object platform = this.admin.getServerProperties().get("platform");
		return "RabbitMQ " + version + ((platform != null) ? " (" + platform + ")" : "");
	}

	/**
	 * {@code dead_letter_worker_consumer_prefetch} in effect: how many messages each
	 * quorum queue's at-least-once dead-letter worker keeps unconfirmed, which bounds how
	 * fast it dead-letters. Asked with {@code rabbitmqctl}, so only for a local broker.
	 */
	public String deadLetterWorkerPrefetch() {
		List<String> answer = Machine.run(List.of("rabbitmqctl", "-q", "eval",
				"application:get_env(rabbit, dead_letter_worker_consumer_prefetch)."));
		for (String line : answer) {
			Matcher value = OK_VALUE.matcher(line);
			if (value.matches()) {
				return value.group(1);
			}
			if (line.equals("undefined")) {
				return "not set (RabbitMQ's default, 32)";
			}
		}
		return "unknown (rabbitmqctl eval answered " + String.join(" ", answer) + ")";
	}

	/**
	 * Memory of the service's delay-level queues as {@code rabbitmqctl} reports it, or
	 * -1.
	 */
	public long delayLevelMemory() {
		List<String> lines = Machine.run(List.of("rabbitmqctl", "-q", "list_queues", "name", "memory"));
		long total = 0;
		boolean found = false;
		for (String line : lines) {
			String[] fields = line.split("\\s+");
			if (fields.length == 2 && DELAY_LEVEL.matcher(fields[0]).matches() && fields[1].matches("[0-9]+")) {
				total += Long.parseLong(fields[1]);
				found = true;
			}
		}
		return found ? total : -1;
	}

	/** Messages ready in {@code queue}, or -1 when it does not exist. */
	long messageCount(String queue) throws IOException, TimeoutException {
		Channel channel = this.admin.createChannel();
		try {
			return channel.queueDeclarePassive(queue).getMessageCount();
		}
		catch (IOException ex) {
			return -1;
		}
		finally {
			if (channel.isOpen()) {
				channel.close();
			}
		}
	}

	/** Timers waiting in the service's delay levels. */
	public long pendingTimers(Topology topology) throws IOException, TimeoutException {
		return messagesInLevelsBelow(topology, DelayLevels.COUNT);
	}

	/**
	 * Waits until the delay levels shorter than a minute are empty, so that the timers
	 * just published have made the hops they make in their first minute and the next
	 * workload does not share the broker with them. Gives up after {@code giveUp}.
	 * @return how long it waited
	 */
	public Duration awaitShortLevelsEmpty(Topology topology, Duration giveUp)
			throws IOException, TimeoutException, InterruptedException {
		long start = System.nanoTime();
		long deadline = start + giveUp.toNanos();
		while (System.nanoTime() < deadline && messagesInLevelsBelow(topology, SHORT_LEVELS) > 0) {
			Thread.sleep(500);
		}
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private long messagesInLevelsBelow(Topology topology, int levels) throws IOException, TimeoutException {
		long total = 0;
		for (int level = 0; level < levels; level++) {
			total += Math.max(messageCount(topology.delayLevel(level)), 0);
		}
		return total;
	}

	void deleteQueue(String queue) throws IOException, TimeoutException {
		try (Channel channel = this.admin.createChannel()) {
			channel.queueDelete(queue);
		}
	}

	void deleteExchange(String exchange) throws IOException, TimeoutException {
		try (Channel channel = this.admin.createChannel()) {
			channel.exchangeDelete(exchange);
		}
	}

	/**
	 * Every queue and exchange of the service's topology under the {@code bench.} prefix.
	 */
	public void deleteServiceTopology() throws IOException, TimeoutException {
		Topology topology = new Topology(PREFIX);
		for (String queue : topology.queues()) {
			deleteQueue(queue);
		}
		for (String exchange : topology.exchanges()) {
			deleteExchange(exchange);
		}
	}

	@Override
	public void close() throws IOException {
		this.admin.close();
	}

}
