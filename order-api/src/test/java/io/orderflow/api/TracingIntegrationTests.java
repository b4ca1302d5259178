package io.orderflow.api;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.Topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from {@code POST /api/orders} to the published {@code order.created}: the
 * request's trace context is kept with the outbox row, and the relay publishes the event
 * in that trace, with a W3C {@code traceparent} header.
 */
class TracingIntegrationTests extends OrderApiIntegrationTest {

	private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	RabbitAdmin admin;

	@Autowired
	Topology topology;

	@Test
	void theOrderCreatedEventCarriesTheTraceOfTheRequestThatPlacedTheOrder() {
		Queue subscriber = new AnonymousQueue();
		this.admin.declareQueue(subscriber);
		this.admin.declareBinding(BindingBuilder.bind(subscriber)
			.to(new TopicExchange(this.topology.eventsExchange()))
			.with("order.created"));
		try {
			Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()), "traceparent",
					"00-" + TRACE_ID + "-00f067aa0ba902b7-01");
			assertThat(placed.status()).isEqualTo(201);

			Message event = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.rabbit.receive(subscriber.getName()),
						(message) -> message != null && new String(message.getBody()).contains(placed.text("orderNo")));

			assertThat((String) event.getMessageProperties().getHeader("traceparent"))
				.startsWith("00-" + TRACE_ID + "-");
		}
		finally {
			this.admin.deleteQueue(subscriber.getName());
		}
	}

}
