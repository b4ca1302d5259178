package io.orderflow.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.Topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PlaceOrderIntegrationTests extends OrderApiIntegrationTest {

	@Autowired
	AmqpAdmin admin;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	Topology topology;

	@Test
	void placesAnOrderAwaitingPaymentWithTheDefaultTimeout() {
		String customer = newCustomer();
		Response created = this.checkout.post("/api/orders", """
				{"customerId": "%s", "currency": "CNY",
				 "items": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.90"},
				           {"sku": "SKU-2", "quantity": 1, "unitPrice": 5}]}""".formatted(customer));

		assertThat(created.status()).isEqualTo(201);
		String orderNo = created.text("orderNo");
		assertThat(orderNo).matches("[0-9A-HJKMNP-TV-Z]{26}");
		assertThat(created.location()).isEqualTo("/api/orders/" + orderNo);
		assertThat(created.text("customerId")).isEqualTo(customer);
		assertThat(created.text("status")).isEqualTo("PENDING_PAYMENT");
		assertThat(created.body().get("cancelReason").isNull()).isTrue();
		assertThat(created.text("currency")).isEqualTo("CNY");
		assertThat(created.text("totalAmount")).isEqualTo("44.80");
		JsonNode items = created.body().get("items");
		assertThat(items.get(0).path("unitPrice").asString()).isEqualTo("19.90");
		assertThat(items.get(0).path("lineTotal").asString()).isEqualTo("39.80");
		assertThat(items.get(1).path("unitPrice").asString()).isEqualTo("5.00");
		assertThat(created.text("createdAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
		Instant createdAt = Instant.parse(created.text("createdAt"));
		assertThat(Instant.parse(created.text("paymentDeadline"))).isEqualTo(createdAt.plus(Duration.ofMinutes(30)));
		assertThat(created.body().get("paidAt").isNull()).isTrue();
		assertThat(created.body().get("cancelledAt").isNull()).isTrue();

		Response fetched = this.support.get(created.location());
		assertThat(fetched.status()).isEqualTo(200);
		assertThat(fetched.body()).isEqualTo(created.body());
	}

	@Test
	void storesTheCreatedEventAndThePaymentTimerWithTheOrder() {
		Response created = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()));

		String orderNo = created.text("orderNo");
		assertThat(outboxMessages("order.created", orderNo)).isOne();
		assertThat(outboxMessages(Topology.PAYMENT_TIMEOUT, orderNo)).isOne();
	}

	@Test
	void takesThePaymentTimeoutFromTheRequest() {
		Response created = this.checkout.post("/api/orders",
				VALID_ORDER.formatted(newCustomer()).replace("PT30M", "PT10S"));

		assertThat(Duration.between(Instant.parse(created.text("createdAt")),
				Instant.parse(created.text("paymentDeadline"))))
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void publishesOrderCreatedAsAPersistentJsonMessageIdentifiedByItsEventId() {
		Queue queue = new AnonymousQueue();
		this.admin.declareQueue(queue);
		Binding binding = BindingBuilder.bind(queue)
			.to(new TopicExchange(this.topology.eventsExchange()))
			.with("order.created");
		this.admin.declareBinding(binding);
		try {
			String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer())).text("orderNo");

			Message message = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.rabbit.receive(queue.getName()), (received) -> received != null
						&& this.json.readTree(received.getBody()).path("orderNo").asString().equals(orderNo));
			JsonNode event = this.json.readTree(message.getBody());
			assertThat(event.path("type").asString()).isEqualTo("order.created");
			assertThat(message.getMessageProperties().getMessageId()).isEqualTo(event.path("eventId").asString());
			assertThat(message.getMessageProperties().getContentType()).isEqualTo("application/json");
			assertThat(message.getMessageProperties().getReceivedDeliveryMode())
				.isEqualTo(MessageDeliveryMode.PERSISTENT);
			assertThat(event.path("items").get(0).path("sku").asString()).isEqualTo("SKU-1");
		}
		finally {
			this.admin.deleteQueue(queue.getName());
		}
	}

	@Test
	void acceptsOrdersWhileTheBrokerIsUnreachableAndPublishesThemOnceItIsBack() {
		String orderNo;
		brokerLink().cut();
		try {
			Response created = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()));
			assertThat(created.status()).isEqualTo(201);
			orderNo = created.text("orderNo");
			// order.created, the payment timer and the payment reminder
			await().atMost(Duration.ofSeconds(10)).until(() -> unpublishedAfterFailure(orderNo) == 3);
		}
		finally {
			brokerLink().restore();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> published(orderNo) == 3);
	}

	@Test
	void answersNotFoundForAnUnknownOrder() {
		Response response = this.support.get("/api/orders/01M0000000000000000000000Z");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text("title")).isEqualTo("Order not found");
	}

	private int unpublishedAfterFailure(String orderNo) {
		return count(orderNo, "published_at IS NULL AND attempts > 0 AND last_error IS NOT NULL");
	}

	private int published(String orderNo) {
		return count(orderNo, "published_at IS NOT NULL");
	}

	private int count(String orderNo, String condition) {
		return this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE payload::jsonb ->> 'orderNo' = :orderNo
				  AND %s""".formatted(condition)).param("orderNo", orderNo).query(Integer.class).single();
	}

}
