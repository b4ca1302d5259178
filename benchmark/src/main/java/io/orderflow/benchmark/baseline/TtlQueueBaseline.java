package io.orderflow.benchmark.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;

/**
 * Baseline (a): the popular single-queue recipe. Every timer is a persistent message with
 * a per-message {@code expiration} of "deadline minus now" in one durable queue that
 * nobody consumes; an expired message is dead-lettered to the due queue, whose consumers
 * run the guarded cancel and acknowledge after it committed.
 *
 * <p>
 * RabbitMQ expires messages only at the head of a queue, so a timer waits behind every
 * timer published before it, whatever their deadlines (head-of-line blocking).
 */
final class TtlQueueBaseline extends Baseline {

	private static final Logger log = LoggerFactory.getLogger(TtlQueueBaseline.class);

	static final String DELAY_QUEUE = Rabbit.PREFIX + "baseline.ttl-queue.delay";

	static final String DUE_QUEUE = Rabbit.PREFIX + "baseline.ttl-queue.due";

	private static final String DEADLINE_HEADER = "x-deadline";

	private static final int CONSUMERS = 2;

	private static final int PREFETCH = 50;

	private final Connection connection;

	private final Channel publisher;

	/** Consumer tag of each consuming channel while it consumes. */
	private final Map<Channel, String> consumers = new LinkedHashMap<>();

	TtlQueueBaseline(Postgres postgres, Rabbit rabbit) throws SQLException, IOException, TimeoutException {
		super(Design.TTL_QUEUE, postgres, CONSUMERS + 2);
		this.connection = rabbit.newConnection("benchmark-ttl-queue");
		this.publisher = this.connection.createChannel();
		this.publisher.queueDelete(DELAY_QUEUE);
		this.publisher.queueDelete(DUE_QUEUE);
		this.publisher.queueDeclare(DUE_QUEUE, true, false, false, null);
		declareDelayQueue();
		this.publisher.confirmSelect();
		for (int i = 0; i < CONSUMERS; i++) {
			Channel channel = this.connection.createChannel();
			channel.basicQos(PREFETCH);
			this.consumers.put(channel, null);
		}
	}

	@Override
	public void start() throws IOException {
		for (Channel channel : this.consumers.keySet()) {
			this.consumers.put(channel, channel.basicConsume(DUE_QUEUE, false, new DueTimerConsumer(channel)));
		}
	}

	/**
	 * Cancels the consumers; deliveries in progress are still acknowledged, the rest wait
	 * in the due queue.
	 */
	@Override
	public void stop() throws IOException {
		for (Map.Entry<Channel, String> consumer : this.consumers.entrySet()) {
			if (consumer.getValue() != null) {
				consumer.getKey().basicCancel(consumer.getValue());
				consumer.setValue(null);
			}
		}
	}

	private void declareDelayQueue() throws IOException {
		this.publisher.queueDeclare(DELAY_QUEUE, true, false, false,
				Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", DUE_QUEUE));
	}

	@Override
	protected void scheduleTimers(List<Timer> timers) throws IOException, InterruptedException, TimeoutException {
		int unconfirmed = 0;
		for (Timer timer : timers) {
			publish(timer.orderNo(), timer.deadline());
			if (++unconfirmed == 1000) {
				this.publisher.waitForConfirmsOrDie(60_000);
				unconfirmed = 0;
			}
		}
		this.publisher.waitForConfirmsOrDie(60_000);
	}

	private void publish(String orderNo, Instant deadline) throws IOException {
		long millis = Math.max(Duration.between(Instant.now(), deadline).toMillis() + 1, 0);
		AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
			.expiration(Long.toString(millis))
			.headers(Map.of(DEADLINE_HEADER, deadline.toEpochMilli()))
			.build();
		synchronized (this.publisher) {
			this.publisher.basicPublish("", DELAY_QUEUE, properties, orderNo.getBytes(StandardCharsets.UTF_8));
		}
	}

	/**
	 * The storm runs on an empty delay queue: behind the precision workload's timers it
	 * would wait for days.
	 */
	@Override
	public void beforeStorm() throws IOException {
		synchronized (this.publisher) {
			this.publisher.queueDelete(DELAY_QUEUE);
			declareDelayQueue();
		}
	}

	@Override
	public void close() throws Exception {
		stop();
		try (Channel channel = this.connection.createChannel()) {
			channel.queueDelete(DELAY_QUEUE);
			channel.queueDelete(DUE_QUEUE);
		}
		this.connection.close();
		super.close();
	}

	private final class DueTimerConsumer extends DefaultConsumer {

		DueTimerConsumer(Channel channel) {
			super(channel);
		}

		@Override
		public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
				throws IOException {
			String orderNo = new String(body, StandardCharsets.UTF_8);
			try {
				if (cancel(orderNo) == Outcome.EARLY) {
					Object deadline = (properties.getHeaders() != null) ? properties.getHeaders().get(DEADLINE_HEADER)
							: null;
					if (deadline instanceof Long millis) {
						publish(orderNo, Instant.ofEpochMilli(millis));
					}
				}
				getChannel().basicAck(envelope.getDeliveryTag(), false);
			}
			catch (SQLException | RuntimeException ex) {
				log.warn("Cancel of {} failed, requeueing: {}", orderNo, ex.toString());
				getChannel().basicNack(envelope.getDeliveryTag(), false, true);
			}
		}

	}

}
