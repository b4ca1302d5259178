package io.orderflow.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Binding.DestinationType;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Declares the whole topology at start-up (and again after every reconnect). Both apps
 * declare all of it: a timer must find its way to the consumer's queue even while only
 * the API runs, since at-least-once dead-lettering holds a message that cannot be routed.
 *
 * <p>
 * Queue arguments are a contract: RabbitMQ refuses to redeclare a queue with other
 * arguments ({@code PRECONDITION_FAILED}). Change them only with a new queue name.
 */
@Configuration(proxyBeanMethods = false)
class TopologyConfiguration {

	@Bean
	Topology topology(MessagingProperties properties) {
		return new Topology(properties.topologyPrefix());
	}

	@Bean
	Declarables orderTopology(Topology topology, MessagingProperties properties) {
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(new TopicExchange(topology.eventsExchange()));
		declarables.addAll(delayLevels(topology));
		DirectExchange parkingLot = new DirectExchange(topology.parkingLotExchange());
		declarables.add(parkingLot);
		TopicExchange due = new TopicExchange(topology.dueTimersExchange());
		declarables.add(due);
		for (String timer : Topology.TIMERS) {
			String queue = topology.timerQueue(timer);
			declarables.addAll(consumed(queue, topology.timerParkingLot(timer), timer, parkingLot,
					BindingBuilder.bind(queueNamed(queue)).to(due).with("#." + timer)));
			declarables.addAll(timerArrivals(topology, timer));
		}
		TopicExchange inventory = new TopicExchange(topology.inventoryEventsExchange());
		declarables.add(inventory);
		declarables.addAll(consumed(topology.inventoryEventsQueue(), topology.inventoryEventsParkingLot(),
				Topology.INVENTORY_EVENTS, parkingLot,
				BindingBuilder.bind(queueNamed(topology.inventoryEventsQueue()))
					.to(inventory)
					.with(InventoryReservationRejected.TYPE)));
		declarables.add(BindingBuilder.bind(queueNamed(topology.inventoryEventsQueue()))
			.to(inventory)
			.with(InventoryReservationConfirmed.TYPE));
		Integer groupSize = properties.quorumInitialGroupSize();
		if (groupSize != null) {
			declarables.stream()
				.filter(Queue.class::isInstance)
				.forEach((queue) -> queue.addArgument("x-quorum-initial-group-size", groupSize));
		}
		return new Declarables(declarables);
	}

	/**
	 * The timers exchange, one queue and one {@code .expired} exchange per level, and the
	 * bindings that take a timer from each to the next level its routing key names; see
	 * {@link DelayLevels}.
	 */
	private static List<Declarable> delayLevels(Topology topology) {
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(new TopicExchange(topology.timersExchange()));
		for (int level = 0; level < DelayLevels.COUNT; level++) {
			String queue = topology.delayLevel(level);
			String expired = topology.delayLevelExpired(level);
			declarables.add(new TopicExchange(expired));
			declarables.add(levelQueue(queue, DelayLevels.ttlMillis(level), expired));
			declarables.add(toQueue(queue, topology.timersExchange(), DelayLevels.entryBinding(level)));
			for (int earlier = 0; earlier < level; earlier++) {
				declarables.add(toQueue(queue, topology.delayLevelExpired(earlier),
						DelayLevels.nextLevelBinding(earlier, level)));
			}
		}
		return declarables;
	}

	/**
	 * How timers named {@code timer} reach their queue: straight from the timers exchange
	 * when they have no delay, else from the {@code .expired} exchange of their last
	 * level.
	 */
	private static List<Declarable> timerArrivals(Topology topology, String timer) {
		String queue = topology.timerQueue(timer);
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(toQueue(queue, topology.timersExchange(), timer));
		for (int level = 0; level < DelayLevels.COUNT; level++) {
			declarables
				.add(toQueue(queue, topology.delayLevelExpired(level), DelayLevels.lastLevelBinding(level, timer)));
		}
		return declarables;
	}

	private static Binding toQueue(String queue, String exchange, String routingKey) {
		return new Binding(queue, DestinationType.QUEUE, exchange, routingKey, null);
	}

	private static Queue levelQueue(String name, long ttlMillis, String deadLetterExchange) {
		// x-message-ttl can exceed an int (level 27 waits 2^27 s), so set the argument
		// directly.
		return safeQuorumQueue(name).withArgument("x-message-ttl", ttlMillis)
			.deadLetterExchange(deadLetterExchange)
			.build();
	}

	/**
	 * A consumed queue with its parking lot: a message its consumer rejects (after its
	 * retries) or that keeps crashing the consumer is dead-lettered to the parking lot,
	 * never dropped and never redelivered for ever.
	 */
	private static List<Declarable> consumed(String queueName, String parkingLotName, String parkingKey,
			DirectExchange parkingLot, Binding source) {
		Queue queue = safeQuorumQueue(queueName).deadLetterExchange(parkingLot.getName())
			.deadLetterRoutingKey(parkingKey)
			.deliveryLimit(10)
			.build();
		Queue parked = QueueBuilder.durable(parkingLotName).quorum().build();
		return List.of(queue, parked, source, BindingBuilder.bind(parked).to(parkingLot).with(parkingKey));
	}

	private static Queue queueNamed(String name) {
		return new Queue(name);
	}

	/**
	 * A quorum queue whose dead-lettering is at-least-once. All three arguments are
	 * needed; without any one RabbitMQ silently falls back to at-most-once and may drop
	 * messages.
	 */
	private static QueueBuilder safeQuorumQueue(String name) {
		return QueueBuilder.durable(name)
			.quorum()
			.withArguments(Map.of("x-dead-letter-strategy", "at-least-once", "x-overflow", "reject-publish"));
	}

}
