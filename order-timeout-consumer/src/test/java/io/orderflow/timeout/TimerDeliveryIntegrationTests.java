package io.orderflow.timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import io.orderflow.messaging.DelayLevels;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.CancelReason;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Timers that arrive early, twice, for nobody, or broken: none may cancel wrongly, cancel
 * twice, loop, or vanish.
 */
class TimerDeliveryIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Test
	void aTimerThatArrivesBeforeTheDeadlineIsRescheduledAndCancelsAtTheDeadline() {
		Order order = placeOrder(Duration.ofSeconds(4));
		double rescheduled = outcomes("Rescheduled");

		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), Instant.now()));

		await().atMost(Duration.ofSeconds(5)).until(() -> outcomes("Rescheduled") > rescheduled);
		assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(current(order).cancelledAt()).isAfterOrEqualTo(order.paymentDeadline());
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void aTimerDeliveredAgainAfterTheCancellationChangesNothing() {
		Order order = placeOrder(Duration.ofSeconds(1));
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		Order cancelled = current(order);
		double nothingToDo = outcomes("NotAwaitingPayment");

		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), order.paymentDeadline()));

		await().atMost(Duration.ofSeconds(5)).until(() -> outcomes("NotAwaitingPayment") > nothingToDo);
		assertThat(current(order)).isEqualTo(cancelled);
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void aTimerForAnUnknownOrderIsAcknowledgedNotParked() {
		double unknown = outcomes("UnknownOrder");
		long parked = messagesIn(this.topology.paymentTimeoutParkingLot());

		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), "NOSUCHORDER", Instant.now()));

		await().atMost(Duration.ofSeconds(5)).until(() -> outcomes("UnknownOrder") > unknown);
		assertThat(messagesIn(this.topology.paymentTimeoutParkingLot())).isEqualTo(parked);
	}

	@Test
	void aMalformedTimerGoesToTheParkingLotInsteadOfBeingLost() {
		String id = UUID.randomUUID().toString();
		Message garbage = MessageBuilder.withBody("not a timer".getBytes(StandardCharsets.UTF_8))
			.setMessageId(id)
			.build();

		this.rabbit.send(this.topology.dueTimersExchange(), DelayLevels.routingKey(0, Topology.PAYMENT_TIMEOUT),
				garbage);

		Message parked = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.receive(this.topology.paymentTimeoutParkingLot()),
					(message) -> message != null && id.equals(message.getMessageProperties().getMessageId()));
		assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("not a timer");
	}

	@Test
	void aTimerLargerThanTheCapIsParkedUnread() {
		Order order = overdueOrder();
		UUID id = UUID.randomUUID();
		// well-formed and naming a real overdue order: only its size is wrong
		String timer = this.json.writeValueAsString(new PaymentTimeoutTimer(id, order.orderNo(), Instant.now()));

		deliver(id, timer + " ".repeat(64 * 1024));

		parkedIn(this.topology.paymentTimeoutParkingLot(), id.toString());
		assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	@Test
	void aTimerWhoseOrderNumberIsOutOfBoundsIsParkedNotDropped() {
		UUID id = UUID.randomUUID();
		String timer = this.json
			.writeValueAsString(new PaymentTimeoutTimer(id, "0123456789ABCDEFGHJKMNPQRSTVWXYZ0", Instant.now()));

		deliver(id, timer);

		parkedIn(this.topology.paymentTimeoutParkingLot(), id.toString());
	}

	@Test
	void publishesOrderCancelledWithTheReasonAndTheItems() {
		Queue queue = new AnonymousQueue();
		this.admin.declareQueue(queue);
		this.admin.declareBinding(BindingBuilder.bind(queue)
			.to(new TopicExchange(this.topology.eventsExchange()))
			.with("order.cancelled"));
		try {
			Order order = placeOrder(Duration.ofSeconds(1));

			Message message = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.rabbit.receive(queue.getName()), (received) -> received != null
						&& this.json.readTree(received.getBody()).path("orderNo").asString().equals(order.orderNo()));
			JsonNode event = this.json.readTree(message.getBody());
			assertThat(event.path("type").asString()).isEqualTo("order.cancelled");
			assertThat(event.path("reason").asString()).isEqualTo(CancelReason.PAYMENT_TIMEOUT.name());
			assertThat(event.path("items").get(0).path("sku").asString()).isEqualTo("SKU-1");
			assertThat(event.path("items").get(0).path("quantity").asInt()).isEqualTo(2);
			assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.path("eventId").asString());
		}
		finally {
			this.admin.deleteQueue(queue.getName());
		}
	}

	/** A timer body, as it is, straight to the consumer's queue. */
	private void deliver(UUID timerId, String body) {
		this.rabbit.send(this.topology.dueTimersExchange(), DelayLevels.routingKey(0, Topology.PAYMENT_TIMEOUT),
				MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
					.setContentType("application/json")
					.setMessageId(timerId.toString())
					.build());
	}

}
