package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.AMQP;

import io.orderflow.messaging.Topology;

/**
 * What the service published: a quorum queue of the suite's own bound to
 * {@code order.events} (with the scenario's topology prefix) with {@code #}, declared
 * before the apps start, and consumed all along, acknowledging each event once counted. A
 * redelivery of an event already counted (the tap's own connection was cut) is not a
 * duplicate; a second publication of it is.
 */
final class EventTap implements AutoCloseable {

	private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

	private final Connection connection;

	/** Publications seen per event id. */
	private final Map<String, AtomicLong> seen = new ConcurrentHashMap<>();

	private final AtomicLong lastArrivalNanos = new AtomicLong(System.nanoTime());

	private EventTap(Connection connection) {
		this.connection = connection;
	}

	/** Declares the tap on the broker at {@code addresses} and starts consuming. */
	static EventTap open(List<Address> addresses, Topology topology) throws IOException, TimeoutException {
		ConnectionFactory factory = new ConnectionFactory();
		factory.setAutomaticRecoveryEnabled(true);
		factory.setTopologyRecoveryEnabled(true);
		factory.setNetworkRecoveryInterval(1000);
		Connection connection = factory.newConnection(addresses, "faults-event-tap");
		EventTap tap = new EventTap(connection);
		Channel channel = connection.createChannel();
		String queue = topology.eventsExchange() + ".faults-tap";
		channel.exchangeDeclare(topology.eventsExchange(), BuiltinExchangeType.TOPIC, true);
		channel.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
		channel.queueBind(queue, topology.eventsExchange(), "#");
		channel.basicQos(1000);
		channel.basicConsume(queue, false, new DefaultConsumer(channel) {

			@Override
			public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties,
					byte[] body) throws IOException {
				tap.record(new String(body, StandardCharsets.UTF_8), envelope.isRedeliver());
				getChannel().basicAck(envelope.getDeliveryTag(), false);
			}

		});
		return tap;
	}

	private void record(String body, boolean redelivered) {
		this.lastArrivalNanos.set(System.nanoTime());
		Matcher eventId = EVENT_ID.matcher(body);
		String id = eventId.find() ? eventId.group(1) : "unreadable:" + body.hashCode();
		AtomicLong count = this.seen.computeIfAbsent(id, (key) -> new AtomicLong());
		if (!redelivered || count.get() == 0) {
			count.incrementAndGet();
		}
	}

	/** Waits until no event arrived for {@code quiet}, at most {@code giveUp}. */
	void awaitQuiet(Duration quiet, Duration giveUp) throws InterruptedException {
		long deadline = System.nanoTime() + giveUp.toNanos();
		while (System.nanoTime() - this.lastArrivalNanos.get() < quiet.toNanos() && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
	}

	/** The ids of the events received at least once. */
	Set<String> received() {
		return Set.copyOf(this.seen.keySet());
	}

	/** How many times the event was published, 0 if never seen. */
	long publications(String eventId) {
		AtomicLong count = this.seen.get(eventId);
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() throws IOException {
		this.connection.abort();
	}

}
