package io.orderflow.timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageBuilder;

import io.orderflow.messaging.DelayLevels;
import io.orderflow.messaging.OrderPaymentReminder;
import io.orderflow.messaging.PaymentReminderTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment reminders through the real timers: published before the deadline of an order
 * still unpaid, at most once, never for an order paid by then (the tests' reminder comes
 * 2 s before the deadline).
 */
class PaymentReminderIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Test
	void anUnpaidOrderIsRemindedOnceBeforeItsDeadline() {
		Order order = placeOrder(Duration.ofSeconds(5));

		Order reminded = await().atMost(Duration.ofSeconds(10))
			.until(() -> current(order), (now) -> now.paymentReminderSentAt() != null);

		assertThat(reminded.paymentReminderSentAt()).isAfterOrEqualTo(order.paymentDeadline().minusSeconds(2))
			.isBefore(order.paymentDeadline());
		assertThat(reminded.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(events(OrderPaymentReminder.TYPE, order)).isOne();
	}

	@Test
	void aReminderDeliveredTwiceRemindsOnce() {
		Order order = placeOrder(Duration.ofMinutes(30));
		Order control = placeOrder(Duration.ofMinutes(30));

		deliver(new PaymentReminderTimer(UUID.randomUUID(), order.orderNo(), Instant.now()));
		deliver(new PaymentReminderTimer(UUID.randomUUID(), order.orderNo(), Instant.now()));
		deliver(new PaymentReminderTimer(UUID.randomUUID(), control.orderNo(), Instant.now()));

		// the control's reminder comes after both of the order's: once it is stamped,
		// theirs
		// were applied too (or were, in the same batch)
		awaitReminderOf(control);
		assertThat(current(order).paymentReminderSentAt()).isNotNull();
		assertThat(events(OrderPaymentReminder.TYPE, order)).isOne();
	}

	@Test
	void anOrderPaidBeforeItsReminderIsNeverReminded() {
		Order paid = paidOrder(Duration.ofSeconds(5));
		Order control = placeOrder(Duration.ofSeconds(5));

		// the control's reminder is due just after the paid order's
		awaitReminderOf(control);
		assertThat(paid.status()).isEqualTo(OrderStatus.PAID);
		assertThat(current(paid).paymentReminderSentAt()).isNull();
		assertThat(events(OrderPaymentReminder.TYPE, paid)).isZero();
	}

	@Test
	void aReminderThatArrivesAfterTheDeadlineIsNotSent() {
		Order overdue = overdueOrder();
		Order control = placeOrder(Duration.ofMinutes(30));

		deliver(new PaymentReminderTimer(UUID.randomUUID(), overdue.orderNo(), Instant.now()));
		deliver(new PaymentReminderTimer(UUID.randomUUID(), control.orderNo(), Instant.now()));

		awaitReminderOf(control);
		assertThat(events(OrderPaymentReminder.TYPE, overdue)).isZero();
	}

	@Test
	void anOrderWhoseTimeoutIsShorterThanTwiceTheLeadGetsNoReminder() {
		Order order = placeOrder(Duration.ofMillis(3999));

		assertThat(this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE kind = 'TIMER'
				  AND destination = :timer
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("timer", Topology.PAYMENT_REMINDER)
			.param("orderNo", order.orderNo())
			.query(Integer.class)
			.single()).isZero();
	}

	private void deliver(PaymentReminderTimer timer) {
		this.rabbit.send(this.topology.dueTimersExchange(), DelayLevels.routingKey(0, Topology.PAYMENT_REMINDER),
				MessageBuilder.withBody(this.json.writeValueAsBytes(timer))
					.setContentType("application/json")
					.setMessageId(timer.timerId().toString())
					.build());
	}

	private void awaitReminderOf(Order order) {
		await().atMost(Duration.ofSeconds(10)).until(() -> current(order).paymentReminderSentAt() != null);
	}

}
