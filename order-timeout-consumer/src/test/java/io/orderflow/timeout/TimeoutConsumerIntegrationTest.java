package io.orderflow.timeout;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.orderflow.messaging.Topology;
import io.orderflow.order.NewOrder;
import io.orderflow.order.Order;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderPlacement;
import io.orderflow.order.Orders;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.testsupport.IntegrationTest;

/**
 * The timeout consumer on the real broker and database. Every test class shares this one
 * configuration, hence one running consumer: a test that stops it knows nobody else
 * consumes behind its back.
 */
@SpringBootTest(properties = { "order.outbox.max-backoff=2s", "order.timeout.sweeper.interval=1h" })
abstract class TimeoutConsumerIntegrationTest extends IntegrationTest {

	@Autowired
	OrderPlacement placement;

	@Autowired
	Orders orders;

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
		return this.orders.findByOrderNo(order.orderNo()).orElseThrow();
	}

	/**
	 * {@code order.cancelled} events written for the order: the outbox is their only
	 * source.
	 */
	int cancelledEvents(Order order) {
		return events("order.cancelled", order);
	}

}
