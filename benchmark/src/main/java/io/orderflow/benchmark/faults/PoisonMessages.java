package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.orderflow.messaging.Topology;

/**
 * Scenario 7: malformed messages published to every queue the consumer reads while a
 * storm of payment timers goes through it: half a few seconds before the storm, half at
 * its deadline.
 */
final class PoisonMessages extends Scenario {

	/** Poison messages per consumed queue. */
	private static final int PER_QUEUE = 20;

	/** Bodies no listener can read: not JSON, empty JSON, wrong types, over 64 KB. */
	private static final List<String> BODIES = List.of("not json at all", "{}", "{\"orderNo\":12,\"dueAt\":[]}",
			"{\"orderNo\":\"" + "x".repeat(70_000) + "\"}");

	PoisonMessages() {
		super("poison-messages", "Poison messages on every consumed queue under load",
				"A message the consumer cannot read is parked in its queue's parking lot with the reason in its "
						+ "x-death header, and holds back none of the timers around it.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "1 order-api + 1 consumer; a storm of " + settings.orders() + " orders due at one instant; " + PER_QUEUE
				+ " malformed messages to each of the 3 consumed queues, half 5 s before the deadline, " + "half at it";
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		Storm storm = Storm.place(stage, 1, 1, settings.orders(), settings, timeline);
		LedgerCheck check = storm.check();
		Instant deadline = storm.deadline();
		Topology topology = stage.topology();
		Map<String, String[]> targets = Map.of(topology.paymentTimeoutParkingLot(),
				new String[] { topology.dueTimersExchange(), Topology.PAYMENT_TIMEOUT },
				topology.autoCompletionParkingLot(),
				new String[] { topology.dueTimersExchange(), Topology.AUTO_COMPLETION },
				topology.inventoryEventsParkingLot(),
				new String[] { topology.inventoryEventsExchange(), "inventory.reservation-rejected" });
		try (Connection connection = stage.connect("faults-poison"); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			Timeline.sleepUntil(deadline.minusSeconds(5));
			publish(channel, targets, 0, PER_QUEUE / 2);
			timeline.note((PER_QUEUE / 2) + " malformed messages published to each consumed queue");
			Timeline.sleepUntil(deadline);
			publish(channel, targets, PER_QUEUE / 2, PER_QUEUE);
			timeline.note("the other " + (PER_QUEUE / 2) + " published to each, at the deadline");
			check.settle(deadline, settings.grace());
			List<String> violations = new ArrayList<>();
			Map<String, Long> parked = new TreeMap<>();
			for (String parkingLot : targets.keySet()) {
				long count = channel.queueDeclarePassive(parkingLot).getMessageCount();
				parked.put(parkingLot, count);
				if (count != PER_QUEUE) {
					violations.add(parkingLot + " holds " + count + " messages, " + PER_QUEUE + " were sent");
				}
				timeline.note(parkingLot + ": " + count + " parked, x-death reasons " + reasons(channel, parkingLot));
			}
			return check.ledger(storm.checkout().acknowledged(),
					new Ledger.Recovery(null, "no recovery: the poison is parked, the storm goes on"),
					storm.checkout().answers(), violations, timeline.entries());
		}
	}

	private static void publish(Channel channel, Map<String, String[]> targets, int from, int to)
			throws IOException, InterruptedException, TimeoutException {
		for (String[] target : targets.values()) {
			for (int i = from; i < to; i++) {
				AMQP.BasicProperties properties = MessageProperties.PERSISTENT_TEXT_PLAIN.builder()
					.messageId("poison-" + target[1] + "-" + i)
					.contentType("application/json")
					.build();
				channel.basicPublish(target[0], target[1], true, properties,
						BODIES.get(i % BODIES.size()).getBytes(StandardCharsets.UTF_8));
			}
		}
		channel.waitForConfirmsOrDie(Duration.ofSeconds(30).toMillis());
	}

	/**
	 * The reasons in the x-death headers of the parked messages, which are left in place.
	 */
	private static TreeSet<String> reasons(Channel channel, String parkingLot) throws IOException {
		TreeSet<String> reasons = new TreeSet<>();
		List<Long> tags = new ArrayList<>();
		GetResponse message;
		while ((message = channel.basicGet(parkingLot, false)) != null) {
			tags.add(message.getEnvelope().getDeliveryTag());
			Object deaths = (message.getProps().getHeaders() != null) ? message.getProps().getHeaders().get("x-death")
					: null;
			if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> death) {
				reasons.add(String.valueOf(death.get("reason")));
			}
			else {
				reasons.add("none");
			}
		}
		for (Long tag : tags) {
			channel.basicNack(tag, false, true);
		}
		return reasons;
	}

}
