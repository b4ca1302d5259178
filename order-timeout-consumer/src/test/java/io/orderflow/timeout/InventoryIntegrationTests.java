package io.orderflow.timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;
import io.orderflow.order.CancelReason;
import io.orderflow.order.InventoryStatus;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inventory contract over the real broker: the order service's events in, inventory's
 * answers out, duplicated, out of order and broken ones included.
 */
class InventoryIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Autowired
	ConnectionFactory connectionFactory;

	@Autowired
	InventoryProperties inventory;

	@Test
	void aRejectedReservationCancelsAnUnpaidOrderOnceEvenWhenDeliveredTwice() {
		Order order = placeOrder(Duration.ofMinutes(30));
		String messageId = UUID.randomUUID().toString();

		reject(order, messageId);
		reject(order, messageId);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(current(order).cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK);
		assertThat(current(order).inventoryStatus()).isEqualTo(InventoryStatus.REJECTED);
		await().atMost(Duration.ofSeconds(5)).until(() -> inboxed(messageId));
		assertThat(cancelledEvents(order)).isOne();
		assertThat(events("order.refund-requested", order)).isZero();
	}

	@Test
	void aRejectedReservationOfAPaidOrderCancelsItAndRefundsThePayment() {
		Order order = paidOrder(Duration.ofMinutes(30));

		reject(order, UUID.randomUUID().toString());

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(cancelledEvents(order)).isOne();
		assertThat(events("order.refund-requested", order)).isOne();
	}

	@Test
	void aConfirmationIsRecordedAndALateRejectionOfAShippedOrderChangesNothing() {
		Order order = paidOrder(Duration.ofMinutes(30));
		send(InventoryReservationConfirmed.TYPE, UUID.randomUUID().toString(),
				"{\"orderNo\": \"" + order.orderNo() + "\"}");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).inventoryStatus()).isEqualTo(InventoryStatus.RESERVED));
		this.fulfilment.ship(order.orderNo(), "SF", "SF1", Duration.ofDays(7));
		String late = UUID.randomUUID().toString();

		reject(order, late);

		await().atMost(Duration.ofSeconds(5)).until(() -> inboxed(late));
		assertThat(current(order).status()).isEqualTo(OrderStatus.SHIPPED);
		assertThat(current(order).inventoryStatus()).isEqualTo(InventoryStatus.RESERVED);
		assertThat(cancelledEvents(order)).isZero();
	}

	@Test
	void aConfirmationAfterARejectionDoesNotReviveTheOrder() {
		Order order = placeOrder(Duration.ofMinutes(30));
		String rejection = UUID.randomUUID().toString();
		String confirmation = UUID.randomUUID().toString();
		reject(order, rejection);
		await().atMost(Duration.ofSeconds(5)).until(() -> inboxed(rejection));

		send(InventoryReservationConfirmed.TYPE, confirmation, "{\"orderNo\": \"" + order.orderNo() + "\"}");

		await().atMost(Duration.ofSeconds(5)).until(() -> inboxed(confirmation));
		assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(current(order).inventoryStatus()).isEqualTo(InventoryStatus.REJECTED);
	}

	@Test
	void aMalformedMessageIsParkedAndDoesNotBlockTheOnesBehindIt() {
		String broken = UUID.randomUUID().toString();
		Order order = placeOrder(Duration.ofMinutes(30));

		send(InventoryReservationRejected.TYPE, broken, "{not json");
		reject(order, UUID.randomUUID().toString());

		Message parked = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.receive(this.topology.inventoryEventsParkingLot()),
					(message) -> message != null && broken.equals(message.getMessageProperties().getMessageId()));
		assertThat(new String(parked.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
	}

	@Test
	void aMessageMovedBackFromTheParkingLotIsHandledByItsOriginalRoutingKey() {
		Order order = placeOrder(Duration.ofMinutes(30));
		Message replayed = MessageBuilder
			.withBody(
					"{\"orderNo\": \"%s\", \"reason\": \"INSUFFICIENT_STOCK\", \"skus\": []}".formatted(order.orderNo())
						.getBytes(StandardCharsets.UTF_8))
			.setMessageId(UUID.randomUUID().toString())
			.setUserId(this.inventory.brokerUser())
			.setHeader("x-death",
					List.of(Map.of("queue", this.topology.inventoryEventsQueue(), "reason", "rejected", "count", 1L,
							"exchange", this.topology.inventoryEventsExchange(), "routing-keys",
							List.of(InventoryReservationRejected.TYPE))))
			.build();

		// as a shovel or "move messages" does: straight into the queue, by its name
		this.rabbit.send("", this.topology.inventoryEventsQueue(), replayed);

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(order).cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK));
	}

	@Test
	void anAnswerWithoutTheInventoryUserIdIsParkedAndChangesNothing() {
		Order order = placeOrder(Duration.ofMinutes(30));
		String messageId = UUID.randomUUID().toString();

		this.rabbit.send(this.topology.inventoryEventsExchange(), InventoryReservationRejected.TYPE,
				MessageBuilder.withBody(rejection(order.orderNo()).getBytes(StandardCharsets.UTF_8))
					.setContentType("application/json")
					.setMessageId(messageId)
					.build());

		Message parked = parkedIn(this.topology.inventoryEventsParkingLot(), messageId);
		assertThat(parked.getMessageProperties().getReceivedUserId()).isNull();
		assertUntouched(order);
		assertThat(inboxed(messageId)).isFalse();
		assertThat(cancelledEvents(order)).isZero();
	}

	@Test
	void anAnswerPublishedAsTheInventoryUserIsApplied() {
		Order order = placeOrder(Duration.ofMinutes(30));
		String messageId = UUID.randomUUID().toString();

		send(InventoryReservationRejected.TYPE, messageId, rejection(order.orderNo()));

		await().atMost(Duration.ofSeconds(5)).until(() -> inboxed(messageId));
		assertThat(current(order).cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK);
	}

	@Test
	void anAnswerLargerThanTheCapIsParkedUnreadAndDoesNotBlockTheOnesBehindIt() {
		Order order = placeOrder(Duration.ofMinutes(30));
		Order behind = placeOrder(Duration.ofMinutes(30));
		String oversized = UUID.randomUUID().toString();

		// well-formed and within every field bound: only its size is wrong
		send(InventoryReservationRejected.TYPE, oversized, rejection(order.orderNo()) + " ".repeat(64 * 1024));
		reject(behind, UUID.randomUUID().toString());

		parkedIn(this.topology.inventoryEventsParkingLot(), oversized);
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(current(behind).status()).isEqualTo(OrderStatus.CANCELLED));
		assertUntouched(order);
		assertThat(inboxed(oversized)).isFalse();
	}

	@ParameterizedTest
	@MethodSource("answersOutOfBounds")
	void anAnswerWithAFieldOutOfBoundsIsParkedAndChangesNothing(String template) {
		Order order = placeOrder(Duration.ofMinutes(30));
		String messageId = UUID.randomUUID().toString();

		send(InventoryReservationRejected.TYPE, messageId, template.formatted(order.orderNo()));

		parkedIn(this.topology.inventoryEventsParkingLot(), messageId);
		assertUntouched(order);
		assertThat(inboxed(messageId)).isFalse();
	}

	/**
	 * Rejections of the order whose number replaces {@code %s}, each with one field out
	 * of bounds, and each applied (or inboxed as unknown) if that bound were not checked.
	 */
	static Stream<Named<String>> answersOutOfBounds() {
		String stock = "\"INSUFFICIENT_STOCK\"";
		return Stream.of(Named.of("reason with a line break", answer("", "\"INSUFFICIENT\\nSTOCK\"", "[]")),
				Named.of("reason of 201 characters", answer("", "\"" + "R".repeat(201) + "\"", "[]")),
				Named.of("101 skus",
						answer("", stock, "[" + String.join(",", Collections.nCopies(101, "\"S\"")) + "]")),
				Named.of("sku of 65 characters", answer("", stock, "[\"" + "S".repeat(65) + "\"]")),
				Named.of("orderNo of 33 characters", answer("-234567", stock, "[]")),
				Named.of("orderNo with a control character", answer("\\u0007", stock, "[]")));
	}

	private static String answer(String orderNoSuffix, String reason, String skus) {
		return "{\"orderNo\": \"%s" + orderNoSuffix + "\", \"reason\": " + reason + ", \"skus\": " + skus + "}";
	}

	/**
	 * Plays the inventory service: reserves on {@code order.created} (or rejects when
	 * stock is short), releases on {@code order.cancelled}, commits on
	 * {@code order.paid}.
	 */
	@Test
	void inventoryKeepsItsStockRightThroughReservationRejectionTimeoutAndPayment() {
		String sku = "SKU-" + UUID.randomUUID();
		FakeInventory inventory = new FakeInventory(sku, 5);
		SimpleMessageListenerContainer listener = inventory.listen();
		try {
			Order timesOut = place(sku, 2, Duration.ofSeconds(2));
			await().atMost(Duration.ofSeconds(5)).until(() -> inventory.available() == 3);
			await().atMost(Duration.ofSeconds(5))
				.until(() -> current(timesOut).inventoryStatus() == InventoryStatus.RESERVED);

			Order tooMuch = place(sku, 4, Duration.ofMinutes(30));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(current(tooMuch).cancelReason()).isEqualTo(CancelReason.OUT_OF_STOCK));
			assertThat(inventory.available()).isEqualTo(3);

			await().atMost(Duration.ofSeconds(8))
				.untilAsserted(() -> assertThat(current(timesOut).status()).isEqualTo(OrderStatus.CANCELLED));
			await().atMost(Duration.ofSeconds(5)).until(() -> inventory.available() == 5);

			Order paid = place(sku, 3, Duration.ofMinutes(30));
			await().atMost(Duration.ofSeconds(5)).until(() -> inventory.available() == 2);
			this.payments.apply(
					new io.orderflow.payment.PaymentNotification("evt-" + UUID.randomUUID(),
							io.orderflow.payment.PaymentNotification.Type.SUCCEEDED, paid.orderNo(),
							"txn-" + UUID.randomUUID(), paid.totalAmount(), paid.currency(), java.time.Instant.now()),
					"{}");
			await().atMost(Duration.ofSeconds(5)).until(() -> inventory.sold() == 3);
			assertThat(inventory.available()).isEqualTo(2);
			assertThat(inventory.reserved()).isZero();
		}
		finally {
			listener.stop();
			inventory.close();
		}
	}

	private Order place(String sku, int quantity, Duration paymentTimeout) {
		return this.placement
			.place(new io.orderflow.order.NewOrder("c-inventory", java.util.Currency.getInstance("CNY"),
					List.of(new io.orderflow.order.OrderLine(sku, quantity, new java.math.BigDecimal("1.00"))),
					paymentTimeout));
	}

	private void reject(Order order, String messageId) {
		send(InventoryReservationRejected.TYPE, messageId, rejection(order.orderNo()));
	}

	private static String rejection(String orderNo) {
		return """
				{"orderNo": "%s", "reason": "INSUFFICIENT_STOCK", "skus": ["SKU-1"]}""".formatted(orderNo);
	}

	/** Publishes as inventory does: with its broker user as the {@code user_id}. */
	private void send(String type, String messageId, String body) {
		this.rabbit.send(this.topology.inventoryEventsExchange(), type,
				MessageBuilder.withBody(body.getBytes(StandardCharsets.UTF_8))
					.setContentType("application/json")
					.setMessageId(messageId)
					.setUserId(this.inventory.brokerUser())
					.build());
	}

	private void assertUntouched(Order order) {
		assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(current(order).inventoryStatus()).isNull();
	}

	private boolean inboxed(String messageId) {
		return this.jdbc.sql("SELECT count(*) FROM inbox_message WHERE message_id = :id")
			.param("id", messageId)
			.query(Integer.class)
			.single() == 1;
	}

	/** A minimal inventory service for one SKU, driven by the order service's events. */
	private final class FakeInventory {

		private final String sku;

		private final Queue queue = new AnonymousQueue();

		private final Map<String, Integer> reservations = new ConcurrentHashMap<>();

		private volatile int available;

		private volatile int sold;

		FakeInventory(String sku, int stock) {
			this.sku = sku;
			this.available = stock;
		}

		SimpleMessageListenerContainer listen() {
			InventoryIntegrationTests tests = InventoryIntegrationTests.this;
			tests.admin.declareQueue(this.queue);
			TopicExchange events = new TopicExchange(tests.topology.eventsExchange());
			for (String type : List.of("order.created", "order.cancelled", "order.paid")) {
				tests.admin.declareBinding(BindingBuilder.bind(this.queue).to(events).with(type));
			}
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(tests.connectionFactory);
			container.setQueues(this.queue);
			container.setMessageListener(this::onEvent);
			container.start();
			return container;
		}

		private synchronized void onEvent(Message message) {
			JsonNode event = InventoryIntegrationTests.this.json.readTree(message.getBody());
			String orderNo = event.path("orderNo").asString();
			int quantity = event.path("items")
				.valueStream()
				.filter((item) -> item.path("sku").asString().equals(this.sku))
				.mapToInt((item) -> item.path("quantity").asInt())
				.sum();
			if (quantity == 0) {
				return; // another test's order
			}
			switch (event.path("type").asString()) {
				case "order.created" -> {
					if (quantity <= this.available) {
						this.available -= quantity;
						this.reservations.put(orderNo, quantity);
						send(InventoryReservationConfirmed.TYPE, UUID.randomUUID().toString(),
								"{\"orderNo\": \"" + orderNo + "\"}");
					}
					else {
						send(InventoryReservationRejected.TYPE, UUID.randomUUID().toString(),
								"{\"orderNo\": \"%s\", \"reason\": \"INSUFFICIENT_STOCK\", \"skus\": [\"%s\"]}"
									.formatted(orderNo, this.sku));
					}
				}
				case "order.cancelled" -> {
					Integer released = this.reservations.remove(orderNo);
					if (released != null) {
						this.available += released;
					}
				}
				case "order.paid" -> {
					Integer committed = this.reservations.remove(orderNo);
					if (committed != null) {
						this.sold += committed;
					}
				}
				default -> {
				}
			}
		}

		int available() {
			return this.available;
		}

		int sold() {
			return this.sold;
		}

		int reserved() {
			return this.reservations.values().stream().mapToInt(Integer::intValue).sum();
		}

		void close() {
			InventoryIntegrationTests.this.admin.deleteQueue(this.queue.getName());
		}

	}

}
