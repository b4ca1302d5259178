package io.orderflow.benchmark.workload;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

import io.orderflow.benchmark.infra.Rabbit;

/**
 * The broker's own dead-lettering rate, the ceiling of any design built on TTL and
 * dead-letters: persistent messages that all expire at the same instant in a quorum queue
 * with at-least-once dead-lettering (like each of the service's delay levels), moved into
 * a quorum sink queue. Measured from the instant they expire until the sink holds all of
 * them.
 */
public final class DeadLetterRate {

	private static final String EXCHANGE = Rabbit.PREFIX + "dead-letter-rate";

	private static final String SOURCE = Rabbit.PREFIX + "dead-letter-rate.source";

	private static final String SINK = Rabbit.PREFIX + "dead-letter-rate.sink";

	private DeadLetterRate() {
	}

	public static Result measure(Rabbit rabbit, int messages)
			throws IOException, TimeoutException, InterruptedException {
		try (Connection connection = rabbit.newConnection("benchmark-dead-letter-rate");
				Channel channel = connection.createChannel()) {
			cleanUp(channel);
			channel.exchangeDeclare(EXCHANGE, "direct", true);
			channel.queueDeclare(SINK, true, false, false, Map.of("x-queue-type", "quorum"));
			channel.queueBind(SINK, EXCHANGE, "sink");
			channel.queueDeclare(SOURCE, true, false, false,
					Map.of("x-queue-type", "quorum", "x-dead-letter-exchange", EXCHANGE, "x-dead-letter-routing-key",
							"sink", "x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish"));
			channel.confirmSelect();
			// every message expires at the same instant, leaving time to publish them all
			Instant expireAt = Instant.now().plusMillis(Math.max(3000, messages / 3));
			byte[] body = "{\"orderNo\":\"01HZZZZZZZZZZZZZZZZZZZZZZZ\"}".getBytes(StandardCharsets.UTF_8);
			int unconfirmed = 0;
			for (int i = 0; i < messages; i++) {
				long millis = Math.max(Duration.between(Instant.now(), expireAt).toMillis(), 0);
				AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
					.expiration(Long.toString(millis))
					.build();
				channel.basicPublish("", SOURCE, properties, body);
				if (++unconfirmed == 1000) {
					channel.waitForConfirmsOrDie(60_000);
					unconfirmed = 0;
				}
			}
			channel.waitForConfirmsOrDie(60_000);
			Instant published = Instant.now();
			boolean publishedInTime = published.isBefore(expireAt);
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			long inSink = 0;
			while (System.nanoTime() < deadline) {
				inSink = channel.queueDeclarePassive(SINK).getMessageCount();
				if (inSink >= messages) {
					break;
				}
				Thread.sleep(10);
			}
			Instant done = Instant.now();
			double seconds = Duration.between(expireAt, done).toNanos() / 1e9;
			cleanUp(channel);
			return new Result(messages, inSink, seconds, inSink / seconds, publishedInTime);
		}
	}

	private static void cleanUp(Channel channel) throws IOException {
		channel.queueDelete(SOURCE);
		channel.queueDelete(SINK);
		channel.exchangeDelete(EXCHANGE);
	}

	/**
	 * @param messages messages that expired at once
	 * @param deadLettered messages that reached the sink
	 * @param seconds from their expiry until the sink held them all
	 * @param perSecond dead-letters per second
	 * @param valid whether all were published before they expired
	 */
	public record Result(int messages, long deadLettered, double seconds, double perSecond, boolean valid) {
	}

}
