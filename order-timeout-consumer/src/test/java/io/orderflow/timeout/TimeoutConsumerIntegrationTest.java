package io.orderflow.timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.messaging.DelayLevels;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.NewOrder;
import io.orderflow.order.Order;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.OrderPlacement;
import io.orderflow.payment.CustomerCancellation;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.testsupport.IntegrationTest;

import static org.awaitility.Awaitility.await;

/**
 * The timeout consumer on the real broker and database. Every test class shares this one
 * configuration, hence one running consumer: a test that stops it knows nobody else
 * consumes behind its back.
 */
@SpringBootTest(properties = { "order.outbox.max-backoff=2s", "order.timeout.sweeper.interval=1h",
		// reminders within the seconds a test waits: orders placed with 4 s or more get
		// one
		"order.payment-reminder.before-deadline=2s",
		// RabbitMQ lets a connection set user_id to its own user only: the tests play
		// inventory with the user they connect as.
		"order.inventory.broker-user=${spring.rabbitmq.username}" })
abstract class TimeoutConsumerIntegrationTest extends IntegrationTest {

	@Autowired
	OrderPlacement placement;

	@Autowired
	OrderLookup lookup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RabbitTemplate rabbit;

	@Autowired
	AmqpAdmin admin;

	@Autowired
	Topology topology;

	@Autowired
	JsonMapper json;

	@Autowired
	MeterRegistry meters;

	Order placeOrder(Duration paymentTimeout) {
		return this.placement.place(new NewOrder("c-42", Currency.getInstance("CNY"),
				List.of(new OrderLine("SKU-1", 2, new BigDecimal("19.90"))), paymentTimeout));
	}

	@Autowired
	PaymentCallbacks payments;

	@Autowired
	OrderFulfilment fulfilment;

	@Autowired
	CustomerCancellation customerCancellation;

	Order paidOrder(Duration paymentTimeout) {
		Order order = placeOrder(paymentTimeout);
		this.payments.apply(new PaymentNotification("evt-" + UUID.randomUUID(), PaymentNotification.Type.SUCCEEDED,
				order.orderNo(), "txn-" + UUID.randomUUID(), order.totalAmount(), order.currency(), Instant.now()),
				"{}");
		return current(order);
	}

	/** Events of the given type written for the order. */
	int events(String type, Order order) {
		return this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE destination = :type
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("type", type)
			.param("orderNo", order.orderNo())
			.query(Integer.class)
			.single();
	}

	Order current(Order order) {
		return this.lookup.findAsStored(order.orderNo()).orElseThrow();
	}

	/**
	 * {@code order.cancelled} events written for the order: the outbox is their only
	 * source.
	 */
	int cancelledEvents(Order order) {
		return events("order.cancelled", order);
	}

	/**
	 * An order whose deadline has passed and whose own timer is still far away: placed
	 * with a long timeout, then moved past its deadline.
	 */
	Order overdueOrder() {
		Order order = placeOrder(Duration.ofMinutes(30));
		Instant deadline = Instant.now().minusSeconds(1);
		this.jdbc.sql("""
				UPDATE orders
				SET created_at = :createdAt,
				    payment_deadline = :deadline
				WHERE order_no = :orderNo""")
			.param("createdAt", deadline.minus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC))
			.param("deadline", deadline.atOffset(ZoneOffset.UTC))
			.param("orderNo", order.orderNo())
			.update();
		return current(order);
	}

	/**
	 * Skips the delay levels: straight to the consumer's queue, as a timer whose delay is
	 * over.
	 */
	void deliver(PaymentTimeoutTimer timer) {
		Message message = MessageBuilder.withBody(this.json.writeValueAsBytes(timer))
			.setContentType("application/json")
			.setMessageId(timer.timerId().toString())
			.build();
		this.rabbit.send(this.topology.dueTimersExchange(), DelayLevels.routingKey(0, Topology.PAYMENT_TIMEOUT),
				message);
	}

	/** How many payment timers came to {@code outcome} so far. */
	double outcomes(String outcome) {
		var counter = this.meters.find("order.payment.timeouts").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/** Waits until the message with {@code messageId} arrives in {@code parkingLot}. */
	Message parkedIn(String parkingLot, String messageId) {
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.receive(parkingLot),
					(message) -> message != null && messageId.equals(message.getMessageProperties().getMessageId()));
	}

	long messagesIn(String queue) {
		var info = this.admin.getQueueInfo(queue);
		return (info != null) ? info.getMessageCount() : 0;
	}

}
