package io.orderflow.timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.InventoryReservationConfirmed;
import io.orderflow.messaging.InventoryReservationRejected;
import io.orderflow.messaging.OrderCancelled;
import io.orderflow.messaging.OrderCompleted;
import io.orderflow.messaging.OrderCreated;
import io.orderflow.messaging.OrderEventAddress;
import io.orderflow.messaging.OrderEventItem;
import io.orderflow.messaging.OrderPaid;
import io.orderflow.messaging.OrderPaymentReminder;
import io.orderflow.messaging.OrderRefundRequested;
import io.orderflow.messaging.OrderShipped;
import io.orderflow.messaging.Topology;
import io.orderflow.order.OrderAccess;
import io.orderflow.order.Order;
import io.orderflow.order.DeliveryAddress;
import io.orderflow.order.NewOrder;
import io.orderflow.order.OrderLine;
import io.orderflow.order.PaymentReminders;
import io.orderflow.order.OrderNumbers;
import io.orderflow.payment.PaymentNotification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The published event contract, {@code docs/asyncapi.yaml}, held against the service:
 * every event that real orders produce on the broker matches the schema of its routing
 * key and carries the AMQP properties the document promises, inventory's messages as our
 * tests send them match inventory's schemas, and the document describes exactly the
 * messages the code publishes and receives, field for field.
 */
class EventContractIntegrationTests extends TimeoutConsumerIntegrationTest {

	/** The working directory of the module's tests is the module. */
	private static final Path DOCUMENT = Path.of("../docs/asyncapi.yaml");

	/** Every event the order service publishes, by routing key. */
	private static final Map<String, Class<? extends Record>> ORDER_EVENTS = Map.of(OrderCreated.TYPE,
			OrderCreated.class, OrderCancelled.TYPE, OrderCancelled.class, OrderPaid.TYPE, OrderPaid.class,
			OrderRefundRequested.TYPE, OrderRefundRequested.class, OrderShipped.TYPE, OrderShipped.class,
			OrderCompleted.TYPE, OrderCompleted.class, OrderPaymentReminder.TYPE, OrderPaymentReminder.class);

	/** Every inventory message the order service receives, by routing key. */
	private static final Map<String, Class<? extends Record>> INVENTORY_MESSAGES = Map.of(
			InventoryReservationRejected.TYPE, InventoryReservationRejected.class, InventoryReservationConfirmed.TYPE,
			InventoryReservationConfirmed.class);

	private static final DeliveryAddress ADDRESS = new DeliveryAddress("李雷", "+86 138 0013 8000", "CN", "广东省", "深圳市",
			null, List.of("科技园 1 号"), "518057");

	private final AsyncApiDocument document = AsyncApiDocument.load(DOCUMENT);

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	Topology topology;

	@Autowired
	JsonMapper json;

	@Autowired
	PaymentReminders reminders;

	@Autowired
	OrderNumbers orderNumbers;

	@Test
	void everyEventThatRealOrdersPublishMatchesItsSchemaAndCarriesThePromisedProperties() {
		Queue queue = new AnonymousQueue();
		this.admin.declareQueue(queue);
		this.admin.declareBinding(
				BindingBuilder.bind(queue).to(new TopicExchange(this.topology.eventsExchange())).with("order.#"));
		try {
			Order cancelled = placeOrder(Duration.ofMinutes(30));
			this.customerCancellation.cancel(cancelled.orderNo(), OrderAccess.ANY_CUSTOMER);
			pay(cancelled);
			Order completed = paidOrder(Duration.ofMinutes(30));
			this.fulfilment.ship(completed.orderNo(), "SF", "SF1", Duration.ofDays(7));
			this.fulfilment.confirmReceipt(completed.orderNo(), OrderAccess.ANY_CUSTOMER);
			Order reminded = placeOrder(Duration.ofMinutes(30));
			this.reminders.remind(List.of(reminded.orderNo()));
			Order free = this.placement.place(new NewOrder("c-42", Currency.getInstance("CNY"),
					List.of(new OrderLine("GIFT-1", 1, BigDecimal.ZERO)), Duration.ofMinutes(30), ADDRESS));
			List<String> expected = List.of(cancelled.orderNo() + " " + OrderCreated.TYPE,
					cancelled.orderNo() + " " + OrderCancelled.TYPE,
					cancelled.orderNo() + " " + OrderRefundRequested.TYPE,
					completed.orderNo() + " " + OrderCreated.TYPE, completed.orderNo() + " " + OrderPaid.TYPE,
					completed.orderNo() + " " + OrderShipped.TYPE, completed.orderNo() + " " + OrderCompleted.TYPE,
					reminded.orderNo() + " " + OrderCreated.TYPE, reminded.orderNo() + " " + OrderPaymentReminder.TYPE,
					free.orderNo() + " " + OrderCreated.TYPE, free.orderNo() + " " + OrderPaid.TYPE);

			Map<String, Message> received = new LinkedHashMap<>();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
				receiveEventsOf(Set.of(cancelled.orderNo(), completed.orderNo(), reminded.orderNo(), free.orderNo()),
						queue, received);
				assertThat(received.values().stream().map(this::orderAndType))
					.containsExactlyInAnyOrderElementsOf(expected);
			});

			assertThat(this.document.messageNamesOnExchange(new Topology("").eventsExchange()))
				.as("messages on order.events in %s", DOCUMENT)
				.containsAll(ORDER_EVENTS.keySet());
			SoftAssertions.assertSoftly((softly) -> received.values().forEach((message) -> {
				MessageProperties properties = message.getMessageProperties();
				String routingKey = properties.getReceivedRoutingKey();
				JsonNode body = this.json.readTree(message.getBody());
				softly.assertThat(this.document.validate(routingKey, body))
					.as("schema errors of %s %s", routingKey, body)
					.isEmpty();
				softly.assertThat(properties.getMessageId())
					.as("message_id of %s", routingKey)
					.isEqualTo(body.path("eventId").asString());
				softly.assertThat(properties.getType())
					.as("type of %s", routingKey)
					.isEqualTo(this.document.messageType(routingKey))
					.isEqualTo(routingKey);
				softly.assertThat(properties.getContentType())
					.as("content_type of %s", routingKey)
					.isEqualTo(this.document.contentType(routingKey));
				softly.assertThat(properties.getContentEncoding())
					.as("content_encoding of %s", routingKey)
					.isEqualTo(this.document.contentEncoding(routingKey));
				softly.assertThat(properties.getReceivedDeliveryMode())
					.as("delivery_mode of %s", routingKey)
					.isEqualTo(MessageDeliveryMode.fromInt(this.document.deliveryMode(routingKey)))
					.isEqualTo(MessageDeliveryMode.PERSISTENT);
				softly.assertThat(properties.getAppId()).as("app_id of %s", routingKey).isEqualTo("orderflow");
			}));
		}
		finally {
			this.admin.deleteQueue(queue.getName());
		}
	}

	@Test
	void theInventoryMessagesAsOurTestsSendThemMatchTheInventorySchemas() {
		String orderNo = this.orderNumbers.next(Instant.now());
		JsonNode rejected = this.json.readTree("""
				{"orderNo": "%s", "reason": "INSUFFICIENT_STOCK", "skus": ["SKU-1"]}""".formatted(orderNo));
		JsonNode confirmed = this.json.readTree("{\"orderNo\": \"" + orderNo + "\"}");

		assertThat(this.document.validate(InventoryReservationRejected.TYPE, rejected)).isEmpty();
		assertThat(this.document.validate(InventoryReservationConfirmed.TYPE, confirmed)).isEmpty();
		for (String routingKey : INVENTORY_MESSAGES.keySet()) {
			for (JsonNode example : this.document.payloadSchema(routingKey).path("examples").values()) {
				assertThat(this.document.validate(routingKey, example)).as("example %s", example).isEmpty();
			}
		}
		// what the listener parks: no orderNo
		assertThat(this.document.validate(InventoryReservationRejected.TYPE,
				this.json.readTree("{\"reason\": \"INSUFFICIENT_STOCK\", \"skus\": [\"SKU-1\"]}")))
			.isNotEmpty();
		assertThat(this.document.validate(InventoryReservationConfirmed.TYPE, this.json.readTree("{}"))).isNotEmpty();
	}

	@Test
	void theDocumentDescribesExactlyTheMessagesTheCodePublishesAndReceives() {
		Topology unprefixed = new Topology("");
		assertThat(this.document.messageNamesOnExchange(unprefixed.eventsExchange()))
			.containsExactlyInAnyOrderElementsOf(ORDER_EVENTS.keySet());
		assertThat(this.document.messageNamesOnExchange(unprefixed.inventoryEventsExchange()))
			.containsExactlyInAnyOrderElementsOf(INVENTORY_MESSAGES.keySet());
		assertThat(this.document.routingKeysOnExchange(unprefixed.eventsExchange()))
			.containsExactlyInAnyOrderElementsOf(ORDER_EVENTS.keySet());
		assertThat(this.document.routingKeysOnExchange(unprefixed.inventoryEventsExchange()))
			.containsExactlyInAnyOrderElementsOf(INVENTORY_MESSAGES.keySet());
		assertThat(this.document.routingKeysOfOperation("send"))
			.containsExactlyInAnyOrderElementsOf(ORDER_EVENTS.keySet());
		assertThat(this.document.routingKeysOfOperation("receive"))
			.containsExactlyInAnyOrderElementsOf(INVENTORY_MESSAGES.keySet());

		SoftAssertions.assertSoftly((softly) -> {
			ORDER_EVENTS.forEach((routingKey, event) -> {
				JsonNode schema = this.document.payloadSchema(routingKey);
				softly.assertThat(schema.path("properties").propertyNames())
					.as("properties of %s", routingKey)
					.containsExactlyInAnyOrderElementsOf(componentNames(event));
				// the records are null-marked: every field is always there
				softly.assertThat(schema.path("required").valueStream().map(JsonNode::asString).toList())
					.as("required of %s", routingKey)
					.containsExactlyInAnyOrderElementsOf(componentNames(event));
				softly.assertThat(schema.at("/properties/type/const").asString())
					.as("type of %s", routingKey)
					.isEqualTo(routingKey);
				softly.assertThat(schema.at("/properties/schemaVersion/const").asInt())
					.as("schemaVersion of %s", routingKey)
					.isEqualTo(schemaVersion(event));
			});
			INVENTORY_MESSAGES.forEach((routingKey, message) -> softly
				.assertThat(this.document.payloadSchema(routingKey).path("properties").propertyNames())
				.as("properties of %s", routingKey)
				.containsExactlyInAnyOrderElementsOf(componentNames(message)));
			softly.assertThat(this.document.schema("OrderEventItem").path("properties").propertyNames())
				.as("properties of OrderEventItem")
				.containsExactlyInAnyOrderElementsOf(componentNames(OrderEventItem.class));
			softly.assertThat(this.document.schema("OrderEventAddress").path("properties").propertyNames())
				.as("properties of OrderEventAddress")
				.containsExactlyInAnyOrderElementsOf(componentNames(OrderEventAddress.class));
		});
	}

	@Test
	void theSchemasRejectWhatTheServiceNeverSends() {
		Instant now = Instant.parse("2026-03-01T08:15:30.123Z");
		OrderCreated event = new OrderCreated(UUID.randomUUID(), OrderCreated.TYPE, OrderCreated.SCHEMA_VERSION, now,
				this.orderNumbers.next(now), Order.FIRST_VERSION, "c-42", "CNY", "39.80",
				List.of(new OrderEventItem("SKU-1", 2, "19.90")), now, now.plus(Duration.ofMinutes(30)));
		ObjectNode valid = (ObjectNode) this.json.valueToTree(event);
		assertThat(this.document.validate(OrderCreated.TYPE, valid)).isEmpty();

		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("totalAmount", 39.8)))
			.as("an amount as a number")
			.isNotEmpty();
		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("totalAmount", "39.8")))
			.as("an amount with one place")
			.isNotEmpty();
		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("eventId", "42")))
			.as("an eventId that is no UUID")
			.isNotEmpty();
		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("createdAt", "2026-03-01T08:15:30")))
			.as("a timestamp without zone")
			.isNotEmpty();
		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("type", OrderPaid.TYPE)))
			.as("another event's type")
			.isNotEmpty();
		assertThat(this.document.validate(OrderCreated.TYPE, valid.deepCopy().put("discount", "1.00")))
			.as("an undocumented field")
			.isNotEmpty();
		ObjectNode withoutCustomer = valid.deepCopy();
		withoutCustomer.remove("customerId");
		assertThat(this.document.validate(OrderCreated.TYPE, withoutCustomer)).as("a missing field").isNotEmpty();
		assertThat(this.document.validate(OrderCancelled.TYPE, valid)).as("order.created as order.cancelled")
			.isNotEmpty();
	}

	private void pay(Order order) {
		this.payments.apply(new PaymentNotification("evt-" + UUID.randomUUID(), PaymentNotification.Type.SUCCEEDED,
				order.orderNo(), "txn-" + UUID.randomUUID(), order.totalAmount(), order.currency(), Instant.now()),
				"{}");
	}

	/**
	 * Drains the queue, keeping the events of the given orders by message id (a
	 * redelivered duplicate is the same event).
	 */
	private void receiveEventsOf(Set<String> orderNos, Queue queue, Map<String, Message> received) {
		Message message;
		while ((message = this.rabbit.receive(queue.getName())) != null) {
			if (orderNos.contains(this.json.readTree(message.getBody()).path("orderNo").asString())) {
				received.put(message.getMessageProperties().getMessageId(), message);
			}
		}
	}

	private String orderAndType(Message message) {
		return this.json.readTree(message.getBody()).path("orderNo").asString() + " "
				+ message.getMessageProperties().getReceivedRoutingKey();
	}

	private static List<String> componentNames(Class<? extends Record> record) {
		return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
	}

	private static int schemaVersion(Class<? extends Record> event) {
		try {
			return event.getField("SCHEMA_VERSION").getInt(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(event.getSimpleName() + " has no SCHEMA_VERSION", ex);
		}
	}

	/**
	 * {@code docs/asyncapi.yaml} as a tree, with a validator for its payload schemas. The
	 * validator is handed the document under its file URI, so that the schemas'
	 * {@code $ref}s to {@code #/components/schemas/...} resolve within it.
	 */
	private static final class AsyncApiDocument {

		private final JsonNode root;

		private final String uri;

		private final SchemaRegistry schemas;

		private AsyncApiDocument(JsonNode root, String uri, SchemaRegistry schemas) {
			this.root = root;
			this.uri = uri;
			this.schemas = schemas;
		}

		static AsyncApiDocument load(Path path) {
			try {
				String yaml = Files.readString(path);
				String uri = path.toAbsolutePath().normalize().toUri().toString();
				// AsyncAPI's schema format is a superset of draft 07; formats (uuid,
				// date-time) are to be checked, not just noted
				SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
						(registry) -> registry
							.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
							.schemas(Map.of(uri, yaml)));
				return new AsyncApiDocument(YAMLMapper.shared().readTree(yaml), uri, schemas);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/**
		 * Errors of the payload against the schema of the message named
		 * {@code routingKey}.
		 */
		List<String> validate(String routingKey, JsonNode payload) {
			String ref = message(routingKey).path("payload").path("$ref").asString();
			return this.schemas.getSchema(SchemaLocation.of(this.uri + ref))
				.validate(payload)
				.stream()
				.map(Object::toString)
				.toList();
		}

		JsonNode schema(String name) {
			return this.root.path("components").path("schemas").path(name);
		}

		JsonNode payloadSchema(String routingKey) {
			return resolve(message(routingKey).path("payload"));
		}

		String messageType(String routingKey) {
			return message(routingKey).at("/bindings/amqp/messageType").asString();
		}

		String contentType(String routingKey) {
			return message(routingKey).path("contentType").asString(this.root.path("defaultContentType").asString());
		}

		String contentEncoding(String routingKey) {
			return message(routingKey).at("/bindings/amqp/contentEncoding").asString();
		}

		/** The delivery mode of the operation that sends the message. */
		int deliveryMode(String routingKey) {
			return this.root.path("operations")
				.valueStream()
				.filter((operation) -> routingKeys(operation).contains(routingKey))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("No operation sends " + routingKey))
				.at("/bindings/amqp/deliveryMode")
				.asInt();
		}

		List<String> messageNamesOnExchange(String exchange) {
			return channelsOn(exchange).flatMap((channel) -> channel.path("messages").valueStream())
				.map((message) -> resolve(message).path("name").asString())
				.toList();
		}

		/** The values the channel's address parameter {@code routingKey} may take. */
		List<String> routingKeysOnExchange(String exchange) {
			return channelsOn(exchange).flatMap((channel) -> channel.at("/parameters/routingKey/enum").valueStream())
				.map(JsonNode::asString)
				.toList();
		}

		private Stream<JsonNode> channelsOn(String exchange) {
			return this.root.path("channels")
				.valueStream()
				.filter((channel) -> exchange.equals(channel.at("/bindings/amqp/exchange/name").asString()));
		}

		List<String> routingKeysOfOperation(String action) {
			return this.root.path("operations")
				.valueStream()
				.filter((operation) -> action.equals(operation.path("action").asString()))
				.flatMap((operation) -> routingKeys(operation).stream())
				.toList();
		}

		private List<String> routingKeys(JsonNode operation) {
			return operation.path("messages")
				.valueStream()
				.map((message) -> resolve(message).path("name").asString())
				.toList();
		}

		/** The message whose name is {@code routingKey}. */
		private JsonNode message(String routingKey) {
			return this.root.path("components")
				.path("messages")
				.valueStream()
				.filter((message) -> routingKey.equals(message.path("name").asString()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(DOCUMENT + " has no message named " + routingKey));
		}

		/**
		 * Follows local {@code $ref}s ({@code #/...}) until a node that is no reference.
		 */
		private JsonNode resolve(JsonNode node) {
			JsonNode resolved = node;
			while (resolved.has("$ref")) {
				String ref = resolved.path("$ref").asString();
				resolved = this.root.at(ref.substring(1));
				if (resolved.isMissingNode()) {
					throw new IllegalStateException(DOCUMENT + " has nothing at " + ref);
				}
			}
			return resolved;
		}

	}

}
