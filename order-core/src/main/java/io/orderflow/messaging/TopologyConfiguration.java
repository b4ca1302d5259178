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
	Declarables orderTopology(Topology topology) {
		List<Declarable> declarables = new ArrayList<>();
		declarables.add(new TopicExchange(topology.eventsExchange()));
		declarables.addAll(delayLevels(topology));
		DirectExchange parkingLot = new DirectExchange(topology.parkingLotExchange());
		declarables.add(parkingLot);
		TopicExchange due = new TopicExchange(topology.dueTimersExchange());
		declarables.addAll(consumed(topology.paymentTimeoutQueue(), topology.paymentTimeoutParkingLot(),
				Topology.PAYMENT_TIMEOUT, parkingLot,
				BindingBuilder.bind(queueNamed(topology.paymentTimeoutQueue()))
					.to(due)
					.with("#." + Topology.PAYMENT_TIMEOUT)));
		declarables.addAll(consumed(topology.autoCompletionQueue(), topology.autoCompletionParkingLot(),
				Topology.AUTO_COMPLETION, parkingLot,
				BindingBuilder.bind(queueNamed(topology.autoCompletionQueue()))
					.to(due)
					.with("#." + Topology.AUTO_COMPLETION)));
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
		return new Declarables(declarables);
	}

	/**
	 * One exchange and one queue per level; see {@link DelayLevels} for how a routing key
	 * walks down them.
	 */
	private static List<Declarable> delayLevels(Topology topology) {
		List<Declarable> declarables = new ArrayList<>();
		TopicExchange due = new TopicExchange(topology.dueTimersExchange());
		declarables.add(due);
		for (int level = DelayLevels.COUNT - 1; level >= 0; level--) {
			String name = topology.delayLevel(level);
			String next = (level > 0) ? topology.delayLevel(level - 1) : due.getName();
			TopicExchange exchange = new TopicExchange(name);
			declarables.add(exchange);
			declarables.add(levelQueue(name, DelayLevels.ttlMillis(level), next));
			declarables.add(new Binding(name, DestinationType.QUEUE, name, DelayLevels.bindingKey(level, '1'), null));
			declarables
				.add(new Binding(next, DestinationType.EXCHANGE, name, DelayLevels.bindingKey(level, '0'), null));
		}
		return declarables;
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
