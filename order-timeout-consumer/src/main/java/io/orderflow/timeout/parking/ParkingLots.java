package io.orderflow.timeout.parking;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import org.jspecify.annotations.Nullable;

import io.orderflow.messaging.Topology;

/**
 * The parking lots and what can be done with their messages, on a connection of its own.
 *
 * <p>
 * Each parking lot holds what the consumer gave up on from exactly one queue, so a replay
 * sends a message back to that queue (through the default exchange, so that no other
 * queue gets a copy) with its properties and headers unchanged: its {@code message_id},
 * and its {@code x-death} header, which still names the routing key it first arrived
 * with. A move is a publish the broker confirms, then the ack that removes it from the
 * parking lot: interrupted in between, the message is in both places (the consumer is
 * idempotent), never in neither. Messages that were looked at but not selected are left
 * unacknowledged and return to their parking lot when the channel closes.
 */
public final class ParkingLots {

	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

	private final ConnectionFactory connections;

	private final Map<String, String> sources = new LinkedHashMap<>();

	/**
	 * @param connections the RabbitMQ client's factory, set up for a user that may read
	 * the parking lots and publish to the default exchange
	 */
	public ParkingLots(ConnectionFactory connections, Topology topology) {
		this.connections = connections;
		this.sources.put(topology.paymentTimeoutParkingLot(), topology.paymentTimeoutQueue());
		this.sources.put(topology.autoCompletionParkingLot(), topology.autoCompletionQueue());
		this.sources.put(topology.paymentReminderParkingLot(), topology.paymentReminderQueue());
		this.sources.put(topology.inventoryEventsParkingLot(), topology.inventoryEventsQueue());
	}

	/** The parking lots, each with the queue its messages came from. */
	public Map<String, String> sources() {
		return Map.copyOf(this.sources);
	}

	/** The parking lot named {@code name}, or by the name of the queue it parks for. */
	public String parkingLot(String name) {
		for (Map.Entry<String, String> lot : this.sources.entrySet()) {
			if (lot.getKey().equals(name) || lot.getValue().equals(name) || lot.getKey().endsWith("." + name)
					|| lot.getKey().endsWith("." + name + ".parking-lot")) {
				return lot.getKey();
			}
		}
		throw new IllegalArgumentException(
				"No parking lot '" + name + "'; there are " + String.join(", ", this.sources.keySet()));
	}

	/**
	 * How many messages wait in each parking lot; -1 for one that is not declared (the
	 * consumer never ran with this topology prefix).
	 */
	public Map<String, Long> depths() throws IOException, TimeoutException {
		Map<String, Long> depths = new LinkedHashMap<>();
		try (Connection connection = connect()) {
			for (String lot : this.sources.keySet()) {
				// a passive declare of a missing queue closes its channel: one channel
				// each
				try (Channel channel = connection.createChannel()) {
					depths.put(lot, channel.messageCount(lot));
				}
				catch (IOException ex) {
					depths.put(lot, -1L);
				}
			}
		}
		return depths;
	}

	/** The selected messages of the parking lot, left where they are. */
	public List<ParkedMessage> show(String parkingLot, Predicate<@Nullable String> messageIds)
			throws IOException, TimeoutException {
		return take(parkingLot, messageIds, (channel, response) -> false);
	}

	/** Moves the selected messages back to the queue they were parked from. */
	public List<ParkedMessage> replay(String parkingLot, Predicate<@Nullable String> messageIds)
			throws IOException, TimeoutException {
		String source = this.sources.get(parkingLot);
		return take(parkingLot, messageIds, (channel, response) -> {
			AtomicBoolean returned = new AtomicBoolean();
			channel.clearReturnListeners();
			channel.addReturnListener((message) -> returned.set(true));
			channel.basicPublish("", source, true, response.getProps(), response.getBody());
			try {
				channel.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("Interrupted while waiting for the broker to confirm the replay", ex);
			}
			catch (TimeoutException ex) {
				throw new IOException("No confirm from the broker within " + CONFIRM_TIMEOUT, ex);
			}
			if (returned.get()) {
				throw new IOException("Queue " + source + " does not exist: nothing was moved from " + parkingLot);
			}
			return true;
		});
	}

	/** Deletes the selected messages for good. */
	public List<ParkedMessage> drop(String parkingLot, Predicate<@Nullable String> messageIds)
			throws IOException, TimeoutException {
		return take(parkingLot, messageIds, (channel, response) -> true);
	}

	/**
	 * Looks at every message that was in the parking lot when it started (not at those a
	 * replay parks again meanwhile); for each selected one, acks it once {@code action}
	 * says so.
	 */
	private List<ParkedMessage> take(String parkingLot, Predicate<@Nullable String> messageIds, Action action)
			throws IOException, TimeoutException {
		if (!this.sources.containsKey(parkingLot)) {
			throw new IllegalArgumentException("Not a parking lot: " + parkingLot);
		}
		List<ParkedMessage> taken = new ArrayList<>();
		try (Connection connection = connect(); Channel channel = connection.createChannel()) {
			channel.confirmSelect();
			long waiting = channel.messageCount(parkingLot);
			for (long i = 0; i < waiting; i++) {
				GetResponse response = channel.basicGet(parkingLot, false);
				if (response == null) {
					break;
				}
				if (messageIds.test(response.getProps().getMessageId())) {
					try {
						if (action.apply(channel, response)) {
							channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
						}
					}
					catch (IOException ex) {
						throw new Interrupted(taken, ex);
					}
					taken.add(ParkedMessage.of(response.getProps(), response.getBody()));
				}
			}
		}
		return taken;
	}

	private Connection connect() throws IOException, TimeoutException {
		return this.connections.newConnection("orderflow-parking-lot");
	}

	/**
	 * A replay or drop that stopped halfway: {@link #done()} were moved (or dropped); the
	 * message it was at, and the rest, are still parked.
	 */
	public static final class Interrupted extends IOException {

		private final List<ParkedMessage> done;

		Interrupted(List<ParkedMessage> done, IOException cause) {
			super(cause.getMessage(), cause);
			this.done = List.copyOf(done);
		}

		public List<ParkedMessage> done() {
			return this.done;
		}

	}

	@FunctionalInterface
	private interface Action {

		/**
		 * @return whether to ack (remove) the message
		 */
		boolean apply(Channel channel, GetResponse response) throws IOException;

	}

}
