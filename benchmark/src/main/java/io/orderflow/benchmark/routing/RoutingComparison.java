package io.orderflow.benchmark.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.MessageProperties;

import io.orderflow.benchmark.Benchmark;
import io.orderflow.benchmark.infra.Rabbit;

/**
 * How fast the broker routes timers through the delay levels, for each
 * {@link RoutingDesign}: the rate at which it takes new timers with mixed delays
 * (publisher confirms, 500 in flight), and the rate at which it dead-letters timers that
 * expire at the same instant out of one level into the place the design sends them next.
 * {@code bin/benchmark --routing}; the results back
 * {@code docs/decisions/0004-timers-at-the-brokers-speed.md}.
 */
public final class RoutingComparison {

	private static final int PUBLISHED = 20_000;

	private static final int IN_FLIGHT = 500;

	private static final int EXPIRING = 30_000;

	/** A timer leaving level 3 passes three more exchanges in the chain designs. */
	private static final int EXPIRING_LEVEL = 3;

	private static final byte[] BODY = "{\"timerId\":\"5a1f0c9e-0b7e-4a51-9d2e-5c3f1d0e7a11\",\"orderNo\":\"01M81TJPJ8Q531QFBPD0FXWXDJ\",\"dueAt\":\"2026-12-01T15:00:00Z\"}"
		.getBytes(StandardCharsets.UTF_8);

	private RoutingComparison() {
	}

	/** Measures every design and prints a markdown table. */
	public static void run(Rabbit rabbit) throws Exception {
		List<String> rows = new ArrayList<>();
		try (Connection connection = rabbit.newConnection("benchmark-routing")) {
			for (RoutingDesign design : RoutingDesign.values()) {
				String prefix = Rabbit.PREFIX + "routing." + design.name().toLowerCase(Locale.ROOT) + ".";
				try (Channel channel = connection.createChannel()) {
					design.declare(channel, prefix);
					channel.confirmSelect();
					publishRate(channel, design, prefix, 2_000); // warm-up
					double published = publishRate(channel, design, prefix, PUBLISHED);
					double deadLettered = deadLetterRate(channel, design, prefix);
					rows.add(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f |", design.title(), published,
							deadLettered));
					Benchmark.log(rows.get(rows.size() - 1));
				}
				finally {
					delete(connection, design, prefix);
				}
			}
		}
		System.out.println();
		System.out.println("Broker: " + rabbit.version() + ", dead_letter_worker_consumer_prefetch "
				+ rabbit.deadLetterWorkerPrefetch());
		System.out.println();
		System.out.println("| Routing design | New timers taken, msg/s | Dead-lettered out of level " + EXPIRING_LEVEL
				+ ", msg/s |");
		System.out.println("| --- | ---: | ---: |");
		rows.forEach(System.out::println);
		System.out.println();
		System.out.println("Reproduce with: bin/benchmark --routing");
	}

	/**
	 * New timers with delays drawn like the benchmark's pending orders (minutes to days),
	 * published with confirms, at most {@link #IN_FLIGHT} unconfirmed.
	 */
	private static double publishRate(Channel channel, RoutingDesign design, String prefix, int timers)
			throws IOException, InterruptedException, TimeoutException {
		Random random = new Random(42);
		long started = System.nanoTime();
		for (int i = 1; i <= timers; i++) {
			long delay = switch (random.nextInt(3)) {
				case 0 -> 1800 + random.nextInt(1800);
				case 1 -> 3600 + random.nextInt(22 * 3600);
				default -> 86_400 + random.nextInt(28 * 86_400);
			};
			channel.basicPublish(design.entryExchange(prefix, delay), design.routingKey(delay), true,
					MessageProperties.PERSISTENT_BASIC, BODY);
			if (i % IN_FLIGHT == 0) {
				channel.waitForConfirmsOrDie(60_000);
			}
		}
		channel.waitForConfirmsOrDie(60_000);
		return timers / ((System.nanoTime() - started) / 1e9);
	}

	/**
	 * {@link #EXPIRING} timers whose only level is {@link #EXPIRING_LEVEL}, expiring at
	 * the same instant, from then until the sink holds them all. They are published
	 * straight into that level's queue with an expiration that ends together, their
	 * routing key in the {@code CC} header, which dead-lettering routes by like the
	 * routing key.
	 */
	private static double deadLetterRate(Channel channel, RoutingDesign design, String prefix)
			throws IOException, InterruptedException, TimeoutException {
		String source = design.level(prefix, EXPIRING_LEVEL);
		channel.queuePurge(source);
		String key = design.routingKey(1L << EXPIRING_LEVEL);
		long expireAt = System.currentTimeMillis() + Math.max(3000, EXPIRING / 3);
		for (int i = 1; i <= EXPIRING; i++) {
			AMQP.BasicProperties properties = MessageProperties.PERSISTENT_BASIC.builder()
				.expiration(Long.toString(Math.max(expireAt - System.currentTimeMillis(), 0)))
				.headers(Map.of("CC", List.of(key)))
				.build();
			channel.basicPublish("", source, false, properties, BODY);
			if (i % 1000 == 0) {
				channel.waitForConfirmsOrDie(60_000);
			}
		}
		channel.waitForConfirmsOrDie(60_000);
		long giveUp = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		while (channel.queueDeclarePassive(design.sink(prefix)).getMessageCount() < EXPIRING
				&& System.nanoTime() < giveUp) {
			Thread.sleep(10);
		}
		double seconds = (System.currentTimeMillis() - expireAt) / 1000.0;
		return channel.queueDeclarePassive(design.sink(prefix)).getMessageCount() / seconds;
	}

	private static void delete(Connection connection, RoutingDesign design, String prefix)
			throws IOException, TimeoutException {
		try (Channel channel = connection.createChannel()) {
			channel.queueDelete(design.sink(prefix));
			channel.exchangeDelete(prefix + "due");
			for (int level = 0; level < RoutingDesign.LEVELS; level++) {
				channel.queueDelete(design.level(prefix, level));
				channel.exchangeDelete(design.level(prefix, level));
			}
			for (int after = 0; after <= RoutingDesign.LEVELS; after++) {
				channel.exchangeDelete(prefix + "after-" + after);
			}
		}
	}

}
