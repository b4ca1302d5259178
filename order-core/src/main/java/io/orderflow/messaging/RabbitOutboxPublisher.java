package io.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageBuilderSupport;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.connection.CorrelationData.Confirm;
import org.springframework.amqp.rabbit.core.RabbitOperations;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.stereotype.Component;

import io.orderflow.outbox.OutboxMessage;
import io.orderflow.outbox.OutboxProperties;
import io.orderflow.outbox.OutboxPublisher;
import io.orderflow.outbox.TraceParents;

/**
 * Publishes outbox messages with publisher confirms and mandatory returns. Events go to
 * the events exchange; timers to the timers exchange, each with its delay computed right
 * before its own send, so that time spent in the outbox or behind other sends does not
 * make it late.
 */
@Component
class RabbitOutboxPublisher implements OutboxPublisher {

	/** When a timer is due; only timers carry it. */
	static final String DELIVER_AT_HEADER = "x-deliver-at";

	private static final Logger log = LoggerFactory.getLogger(RabbitOutboxPublisher.class);

	private final RabbitTemplate rabbit;

	private final Topology topology;

	private final OutboxProperties properties;

	private final Duration timerLead;

	private final Clock clock;

	private final Timer confirmLatency;

	private final TraceParents traceParents;

	RabbitOutboxPublisher(RabbitTemplate rabbit, Topology topology, OutboxProperties properties,
			MessagingProperties messaging, MeterRegistry meters, TraceParents traceParents, Clock clock) {
		if (!rabbit.getConnectionFactory().isPublisherConfirms()
				|| !rabbit.getConnectionFactory().isPublisherReturns()) {
			throw new IllegalStateException("The outbox needs publisher confirms and returns: set "
					+ "spring.rabbitmq.publisher-confirm-type=correlated and spring.rabbitmq.publisher-returns=true");
		}
		this.rabbit = rabbit;
		this.topology = topology;
		this.properties = properties;
		this.timerLead = messaging.timerLead();
		this.traceParents = traceParents;
		this.clock = clock;
		this.confirmLatency = Timer.builder("order.outbox.confirm")
			.description("From sending an outbox message to the broker's confirm of it")
			.serviceLevelObjectives(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
					Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
					Duration.ofSeconds(1), Duration.ofSeconds(5))
			.register(meters);
	}

	@Override
	public List<Delivery> publish(List<OutboxMessage> batch) {
		try {
			// One channel for the whole batch: confirms are pipelined on it, and no
			// channel is
			// opened or closed per message.
			List<Delivery> deliveries = this.rabbit.invoke((operations) -> publishOnOneChannel(operations, batch));
			return (deliveries != null) ? deliveries : List.of();
		}
		catch (AmqpException ex) {
			// no channel to be had (unreachable, refused, closed): nothing of the batch
			// was sent
			String failure = "broker unreachable: " + ex;
			return batch.stream().map((message) -> Delivery.failed(message.id(), failure)).toList();
		}
	}

	private List<Delivery> publishOnOneChannel(RabbitOperations operations, List<OutboxMessage> batch) {
		List<InFlight> inFlight = new ArrayList<>(batch.size());
		for (OutboxMessage message : batch) {
			CorrelationData correlation = new CorrelationData(message.id().toString());
			long sentAt = System.nanoTime();
			try {
				// in the trace of the transaction that wrote the message, so that the
				// template's observation writes that trace into the traceparent header
				this.traceParents.within(message.traceParent(), "outbox relay", () -> {
					send(operations, message, correlation);
					return null;
				});
				inFlight.add(new InFlight(message, correlation, null, sentAt));
			}
			catch (AmqpException ex) {
				inFlight.add(new InFlight(message, null, "publish failed: " + ex.getMessage(), sentAt));
			}
		}
		// Wait here, before the channel goes back to the cache with confirms outstanding.
		long deadline = System.nanoTime() + this.properties.confirmTimeout().toNanos();
		return inFlight.stream().map((sent) -> awaitConfirm(sent, deadline)).toList();
	}

	private void send(RabbitOperations operations, OutboxMessage message, CorrelationData correlation) {
		if (message.kind() == OutboxMessage.Kind.TIMER) {
			Instant now = this.clock.instant();
			Instant deliverAt = message.deliverAt();
			long delay = DelayLevels.delaySeconds((deliverAt != null) ? deliverAt : now, now, this.timerLead);
			operations.send(this.topology.timersExchange(), DelayLevels.routingKey(delay, message.destination()),
					toAmqp(message), correlation);
		}
		else {
			operations.send(this.topology.eventsExchange(), message.destination(), toAmqp(message), correlation);
		}
	}

	private static Message toAmqp(OutboxMessage message) {
		MessageBuilderSupport<Message> builder = MessageBuilder
			.withBody(message.payload().getBytes(StandardCharsets.UTF_8))
			.setContentType(MessageProperties.CONTENT_TYPE_JSON)
			.setContentEncoding(StandardCharsets.UTF_8.name())
			.setMessageId(message.id().toString())
			.setType(message.destination())
			.setTimestamp(Date.from(message.createdAt()))
			.setAppId("orderflow")
			.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
		if (message.deliverAt() != null) {
			builder.setHeader(DELIVER_AT_HEADER, message.deliverAt().toString());
		}
		return builder.build();
	}

	private Delivery awaitConfirm(InFlight sent, long deadlineNanos) {
		OutboxMessage message = sent.message();
		CorrelationData correlation = sent.correlation();
		if (correlation == null) {
			return Delivery.failed(message.id(), (sent.failure() != null) ? sent.failure() : "not sent");
		}
		try {
			Confirm confirm = correlation.getFuture()
				.get(Math.max(deadlineNanos - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
			// awaited in send order: a confirm that came early is taken once the ones
			// before it were, which is what the relay waited for
			this.confirmLatency.record(System.nanoTime() - sent.sentAt(), TimeUnit.NANOSECONDS);
			if (!confirm.ack()) {
				return Delivery.failed(message.id(), "nacked by the broker: " + confirm.reason());
			}
			ReturnedMessage returned = correlation.getReturned();
			if (returned != null) {
				if (message.kind() == OutboxMessage.Kind.TIMER) {
					return Delivery.failed(message.id(),
							"unroutable (" + returned.getReplyText() + "): is the delay-level topology declared?");
				}
				// An event nobody has subscribed to yet: the broker took it, there is
				// nothing to retry.
				log.debug("Event {} ({}) has no subscriber", message.id(), message.destination());
			}
			return Delivery.confirmed(message.id());
		}
		catch (TimeoutException ex) {
			return Delivery.failed(message.id(), "no confirm within " + this.properties.confirmTimeout());
		}
		catch (ExecutionException ex) {
			return Delivery.failed(message.id(), "confirm failed: " + ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Delivery.failed(message.id(), "interrupted while waiting for the confirm");
		}
	}

	private record InFlight(OutboxMessage message, @Nullable CorrelationData correlation, @Nullable String failure,
			long sentAt) {
	}

}
