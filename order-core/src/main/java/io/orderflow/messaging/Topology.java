package io.orderflow.messaging;

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

	/**
	 * Routing key, within the parking lot, of inventory messages that could not be
	 * handled.
	 */
	public static final String INVENTORY_EVENTS = "inventory-events";

	/** Topic exchange that carries the domain events ({@code order.created}, ...). */
	public String eventsExchange() {
		return this.prefix + "order.events";
	}

	/** Topic exchange and quorum queue of delay level {@code level}. */
	public String delayLevel(int level) {
		return "%sorder.timers.level-%02d".formatted(this.prefix, level);
	}

	/** Where new timers are published: the exchange of the highest level. */
	public String timersEntryExchange() {
		return delayLevel(DelayLevels.COUNT - 1);
	}

	/**
	 * Topic exchange that timers reach when their delay is over, routed by timer name.
	 */
	public String dueTimersExchange() {
		return this.prefix + "order.timers.due";
	}

	/** Queue of expired payment timers, consumed by the timeout consumer. */
	public String paymentTimeoutQueue() {
		return this.prefix + "order.payment-timeout";
	}

	/** Queue of expired auto-completion timers, consumed by the timeout consumer. */
	public String autoCompletionQueue() {
		return this.prefix + "order.auto-completion";
	}

	public String autoCompletionParkingLot() {
		return this.prefix + "order.auto-completion.parking-lot";
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
		return this.prefix + "order.payment-timeout.parking-lot";
	}

}
