package io.orderflow.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * Names of every exchange and queue of the order service, each carrying the configured
 * prefix. See {@code docs/topology.md} for the picture.
 *
 * @param prefix prepended to every name
 */
public record Topology(String prefix) {

	/** Routing key and AMQP {@code type} of the payment timer. */
	public static final String PAYMENT_TIMEOUT = "payment-timeout";

	/** Routing key and AMQP {@code type} of the auto-completion timer. */
	public static final String AUTO_COMPLETION = "auto-completion";

	/** Routing key and AMQP {@code type} of the payment reminder timer. */
	public static final String PAYMENT_REMINDER = "payment-reminder";

	/** The names of every timer, each with a queue of its own. */
	public static final List<String> TIMERS = List.of(PAYMENT_TIMEOUT, AUTO_COMPLETION, PAYMENT_REMINDER);

	/**
	 * Routing key, within the parking lot, of inventory messages that could not be
	 * handled.
	 */
	public static final String INVENTORY_EVENTS = "inventory-events";

	/** Topic exchange that carries the domain events ({@code order.created}, ...). */
	public String eventsExchange() {
		return this.prefix + "order.events";
	}

	/** Topic exchange where new timers are published (see {@link DelayLevels}). */
	public String timersExchange() {
		return this.prefix + "order.timers";
	}

	/** Quorum queue of delay level {@code level}: every message waits 2^level s. */
	public String delayLevel(int level) {
		return this.prefix + "order.timers." + DelayLevels.word(level);
	}

	/**
	 * Topic exchange that timers are dead-lettered to when their wait in level
	 * {@code level} is over: it routes them to their next level, or to their queue.
	 */
	public String delayLevelExpired(int level) {
		return delayLevel(level) + ".expired";
	}

	/**
	 * Topic exchange bound to the timers' queues by timer name
	 * ({@code #.payment-timeout}): where a parked timer is moved back to, and where the
	 * timers of the earlier topology (one exchange per bit) still arrive.
	 */
	public String dueTimersExchange() {
		return this.prefix + "order.timers.due";
	}

	/** Queue of expired payment timers, consumed by the timeout consumer. */
	public String paymentTimeoutQueue() {
		return timerQueue(PAYMENT_TIMEOUT);
	}

	/** Queue of expired auto-completion timers, consumed by the timeout consumer. */
	public String autoCompletionQueue() {
		return timerQueue(AUTO_COMPLETION);
	}

	public String autoCompletionParkingLot() {
		return timerParkingLot(AUTO_COMPLETION);
	}

	/** Queue of due payment reminders, consumed by the timeout consumer. */
	public String paymentReminderQueue() {
		return timerQueue(PAYMENT_REMINDER);
	}

	public String paymentReminderParkingLot() {
		return timerParkingLot(PAYMENT_REMINDER);
	}

	/** The queue of the timers named {@code timer} (one of {@link #TIMERS}). */
	public String timerQueue(String timer) {
		return this.prefix + "order." + requireTimer(timer);
	}

	/** Where the timers named {@code timer} that failed processing are parked. */
	public String timerParkingLot(String timer) {
		return timerQueue(timer) + ".parking-lot";
	}

	private static String requireTimer(String timer) {
		if (!TIMERS.contains(timer)) {
			throw new IllegalArgumentException("No timer named " + timer + "; timers are " + TIMERS);
		}
		return timer;
	}

	/**
	 * Topic exchange the inventory service publishes its answers on (owned by inventory).
	 */
	public String inventoryEventsExchange() {
		return this.prefix + "inventory.events";
	}

	/** Where the order service receives inventory's answers. */
	public String inventoryEventsQueue() {
		return this.prefix + "order.inventory-events";
	}

	public String inventoryEventsParkingLot() {
		return this.prefix + "order.inventory-events.parking-lot";
	}

	/** Direct exchange for messages that consumers gave up on. */
	public String parkingLotExchange() {
		return this.prefix + "order.parking-lot";
	}

	/** Payment timers that failed processing, for a person to inspect and replay. */
	public String paymentTimeoutParkingLot() {
		return timerParkingLot(PAYMENT_TIMEOUT);
	}

	/** Every queue of the service, e.g. to delete a test or benchmark topology. */
	public List<String> queues() {
		List<String> queues = new ArrayList<>(List.of(paymentTimeoutQueue(), paymentTimeoutParkingLot(),
				autoCompletionQueue(), autoCompletionParkingLot(), paymentReminderQueue(), paymentReminderParkingLot(),
				inventoryEventsQueue(), inventoryEventsParkingLot()));
		for (int level = 0; level < DelayLevels.COUNT; level++) {
			queues.add(delayLevel(level));
		}
		return queues;
	}

	/** Every exchange the service declares. */
	public List<String> exchanges() {
		List<String> exchanges = new ArrayList<>(List.of(eventsExchange(), timersExchange(), dueTimersExchange(),
				parkingLotExchange(), inventoryEventsExchange()));
		for (int level = 0; level < DelayLevels.COUNT; level++) {
			exchanges.add(delayLevelExpired(level));
		}
		return exchanges;
	}

}
