package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;
import io.orderflow.messaging.Topology;

/**
 * Stands in for the inventory service: publishes its answers to {@code inventory.events}
 * with {@code user_id} set to the user the suite connects as, {@link #BROKER_USER}, which
 * the scenario's consumers take for inventory's user
 * ({@code order.inventory.broker-user}). Each publication waits for the broker's confirm.
 */
final class Inventory implements AutoCloseable {

	/**
	 * The broker user of the suite and its apps, hence the inventory user the consumers
	 * accept answers from.
	 */
	static final String BROKER_USER = "guest";

	private final Connection connection;

	private final Channel channel;

	private final Topology topology;

	private final AtomicLong published = new AtomicLong();

	private Inventory(Connection connection, Channel channel, Topology topology) {
		this.connection = connection;
		this.channel = channel;
		this.topology = topology;
	}

	static Inventory connect(Stage stage) throws IOException, TimeoutException {
		Connection connection = stage.connect("faults-inventory");
		Channel channel = connection.createChannel();
		channel.confirmSelect();
		return new Inventory(connection, channel, stage.topology());
	}

	/**
	 * Publishes {@code answer}; the same answer published again keeps its message id, as
	 * a redelivery or a repeated send of inventory would.
	 */
	synchronized void publish(Answer answer) throws IOException, InterruptedException, TimeoutException {
		String body = answer.rejected() ? "{\"orderNo\":\"%s\",\"reason\":\"INSUFFICIENT_STOCK\",\"skus\":[\"SKU-1\"]}"
			.formatted(answer.orderNo()) : "{\"orderNo\":\"%s\"}".formatted(answer.orderNo());
		AMQP.BasicProperties properties = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
			.messageId(answer.messageId())
			.contentType("application/json")
			.userId(BROKER_USER)
			.build();
		this.channel.basicPublish(this.topology.inventoryEventsExchange(),
				answer.rejected() ? InventoryReservationRejected.TYPE : InventoryReservationConfirmed.TYPE, true,
				properties, body.getBytes(StandardCharsets.UTF_8));
		this.channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
		this.published.incrementAndGet();
	}

	long published() {
		return this.published.get();
	}

	@Override
	public void close() throws IOException {
		this.connection.abort();
	}

	/**
	 * One answer of inventory to {@code order.created}.
	 *
	 * @param rejected out of stock, else reserved
	 */
	record Answer(String messageId, String orderNo, boolean rejected) {
	}

}
