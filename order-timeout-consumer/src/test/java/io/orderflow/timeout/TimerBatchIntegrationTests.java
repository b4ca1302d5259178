package io.orderflow.timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.AnonymousQueue;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;

import io.orderflow.messaging.DelayLevels;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.messaging.Topology;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Timers applied in batches: each timer gets its own outcome, nothing is applied twice,
 * one failing timer or a failing database holds nothing else back, and no order is
 * cancelled before its deadline.
 */
class TimerBatchIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Test
	void aBatchGivesEachTimerItsOwnOutcomeAndParksOnlyTheMalformedOne() {
		Order due = overdueOrder();
		Order paid = paidOrder(Duration.ofMinutes(30));
		Order early = placeOrder(Duration.ofMinutes(30));
		double cancelled = outcomes("Cancelled");
		double notAwaiting = outcomes("NotAwaitingPayment");
		double unknown = outcomes("UnknownOrder");
		double rescheduled = outcomes("Rescheduled");
		String malformedId = UUID.randomUUID().toString();

		// held until the same instant, then applied together
		Instant releasedAt = Instant.now().plusSeconds(1);
		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), due.orderNo(), releasedAt));
		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), paid.orderNo(), releasedAt));
		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), "NOSUCHORDER", releasedAt));
		deliver(new PaymentTimeoutTimer(UUID.randomUUID(), early.orderNo(), releasedAt));
		this.rabbit.send(this.topology.dueTimersExchange(), DelayLevels.routingKey(0, Topology.PAYMENT_TIMEOUT),
				MessageBuilder.withBody("{\"orderNo\":".getBytes(StandardCharsets.UTF_8))
					.setMessageId(malformedId)
					.build());

		await().atMost(Duration.ofSeconds(10)).until(() -> outcomes("Rescheduled") > rescheduled);
		assertThat(outcomes("Cancelled")).isEqualTo(cancelled + 1);
		assertThat(outcomes("NotAwaitingPayment")).isEqualTo(notAwaiting + 1);
		assertThat(outcomes("UnknownOrder")).isEqualTo(unknown + 1);
		assertThat(outcomes("Rescheduled")).isEqualTo(rescheduled + 1);
		assertThat(current(due).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelledEvents(due)).isOne();
		assertThat(current(paid).status()).isEqualTo(OrderStatus.PAID);
		assertThat(current(early).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		// one transaction: the new timer of the early order is written with the clock
		// reading the cancellation of the due one started from (its cancelled_at is that
		// reading, or the database's clock at the update if that is later)
		assertThat(current(due).cancelledAt()).isBetween(newTimerWrittenAt(early),
				newTimerWrittenAt(early).plusSeconds(1));
		Message parked = await().atMost(Duration.ofSeconds(10))
			.until(() -> this.rabbit.receive(this.topology.paymentTimeoutParkingLot()),
					(message) -> message != null && malformedId.equals(message.getMessageProperties().getMessageId()));
		assertThat(parked).isNotNull();
		// settled once each: nothing comes back, nothing is applied again
		assertThat(messagesIn(this.topology.paymentTimeoutQueue())).isZero();
		assertThat(outcomes("Cancelled") + outcomes("NotAwaitingPayment") + outcomes("UnknownOrder")
				+ outcomes("Rescheduled"))
			.isEqualTo(cancelled + notAwaiting + unknown + rescheduled + 4);
	}

	@Test
	void theSameTimerTwiceInOneBatchCancelsOnce() {
		Order order = overdueOrder();
		double cancelled = outcomes("Cancelled");
		double notAwaiting = outcomes("NotAwaitingPayment");
		Instant releasedAt = Instant.now().plusSeconds(1);
		PaymentTimeoutTimer timer = new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), releasedAt);

		deliver(timer);
		deliver(timer);

		await().atMost(Duration.ofSeconds(10)).until(() -> outcomes("NotAwaitingPayment") > notAwaiting);
		assertThat(outcomes("Cancelled")).isEqualTo(cancelled + 1);
		assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void aDatabaseFailureInTheMiddleOfABatchIsRetriedWithoutDoubleEffects() {
		List<Order> orders = IntStream.range(0, 3).mapToObj((i) -> overdueOrder()).toList();
		// the first order.cancelled written after this fails once, after the guarded
		// updates ran: the whole transaction rolls back and is tried again
		failNextCancelledEventWith("40001");
		try {
			Instant releasedAt = Instant.now().plusSeconds(1);
			orders.forEach((order) -> deliver(new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), releasedAt)));

			await().atMost(Duration.ofSeconds(15))
				.untilAsserted(() -> assertThat(orders)
					.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED)));
			// one failed attempt, then one event per order
			assertThat(cancelledEventsAttempted()).isEqualTo(orders.size() + 1);
			assertThat(orders).allSatisfy((order) -> assertThat(cancelledEvents(order)).isOne());
		}
		finally {
			stopFailing();
		}
	}

	@Test
	void aTimerThatKeepsFailingHoldsBackNoneOfItsBatch() {
		List<Order> good = IntStream.range(0, 3).mapToObj((i) -> overdueOrder()).toList();
		Order poison = overdueOrder();
		failCancellationOf(poison);
		try {
			Instant releasedAt = Instant.now().plusSeconds(1);
			deliver(new PaymentTimeoutTimer(UUID.randomUUID(), poison.orderNo(), releasedAt));
			good.forEach((order) -> deliver(new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), releasedAt)));

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(good)
					.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED)));
			assertThat(good).allSatisfy((order) -> assertThat(cancelledEvents(order)).isOne());
			assertThat(current(poison).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		}
		finally {
			stopFailing();
		}
		// the next retry of the poison timer goes through
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(current(poison).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(cancelledEvents(poison)).isOne();
	}

	@Test
	void noOrderIsCancelledBeforeItsDeadline() {
		List<Order> orders = IntStream.range(0, 30)
			.mapToObj((i) -> placeOrder(Duration.ofMillis(1000 + ThreadLocalRandom.current().nextInt(2000))))
			.toList();

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(orders)
				.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED)));
		assertThat(orders).allSatisfy((order) -> {
			Order cancelled = current(order);
			assertThat(cancelled.cancelledAt()).isAfterOrEqualTo(cancelled.paymentDeadline());
		});
	}

	@Test
	void aTimerWaitsInTheLevelsOfItsWholeSecondsAndIsHeldUntilItsDeadlineToTheMillisecond() {
		// due in 3.495 s, less the 1 s lead and the time until it is published: waits 2 s
		// in level L01, then is held until its deadline
		Queue leavingL01 = new AnonymousQueue();
		this.admin.declareQueue(leavingL01);
		Binding binding = BindingBuilder.bind(leavingL01)
			.to(new TopicExchange(this.topology.delayLevelExpired(1)))
			.with("#.L01." + Topology.PAYMENT_TIMEOUT);
		this.admin.declareBinding(binding);
		try {
			Order order = placeOrder(Duration.ofMillis(3495));

			Message copy = await().atMost(Duration.ofSeconds(10))
				.until(() -> this.rabbit.receive(leavingL01.getName()), (message) -> message != null
						&& this.json.readTree(message.getBody()).path("orderNo").asString().equals(order.orderNo()));
			assertThat(copy.getMessageProperties().getReceivedRoutingKey())
				.isEqualTo(DelayLevels.routingKey(2, Topology.PAYMENT_TIMEOUT));
			assertThat(copy.getMessageProperties().getXDeathHeader()).singleElement()
				.satisfies((death) -> assertThat(death.get("queue")).hasToString(this.topology.delayLevel(1)));
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
			assertThat(current(order).cancelledAt()).isAfterOrEqualTo(order.paymentDeadline());
		}
		finally {
			this.admin.deleteQueue(leavingL01.getName());
		}
	}

	private Instant newTimerWrittenAt(Order order) {
		return this.jdbc.sql("""
				SELECT max(created_at)
				FROM outbox_message
				WHERE destination = 'payment-timeout'
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("orderNo", order.orderNo())
			.query(OffsetDateTime.class)
			.single()
			.toInstant();
	}

	/**
	 * Makes the next {@code order.cancelled} written fail once with {@code sqlState}. A
	 * sequence counts the failures: unlike a table, it does not roll back with them.
	 */
	private void failNextCancelledEventWith(String sqlState) {
		this.jdbc.sql("CREATE SEQUENCE injected_failures").update();
		this.jdbc.sql("""
				CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.destination = 'order.cancelled' AND nextval('injected_failures') = 1 THEN
				        RAISE EXCEPTION 'injected failure' USING ERRCODE = '%s';
				    END IF;
				    RETURN NEW;
				END $$""".formatted(sqlState)).update();
		this.jdbc.sql("""
				CREATE TRIGGER fail_once BEFORE INSERT ON outbox_message
				FOR EACH ROW EXECUTE FUNCTION fail_once()""").update();
	}

	private long cancelledEventsAttempted() {
		return this.jdbc.sql("SELECT last_value FROM injected_failures").query(Long.class).single();
	}

	/**
	 * Makes every attempt to cancel {@code order} fail, as a row the code cannot handle.
	 */
	private void failCancellationOf(Order order) {
		this.jdbc.sql("""
				CREATE FUNCTION fail_once() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.order_no = '%s' THEN
				        RAISE EXCEPTION 'injected failure for this order';
				    END IF;
				    RETURN NEW;
				END $$""".formatted(order.orderNo())).update();
		this.jdbc.sql("""
				CREATE TRIGGER fail_once BEFORE UPDATE ON orders
				FOR EACH ROW EXECUTE FUNCTION fail_once()""").update();
	}

	private void stopFailing() {
		this.jdbc.sql("DROP TRIGGER IF EXISTS fail_once ON outbox_message").update();
		this.jdbc.sql("DROP TRIGGER IF EXISTS fail_once ON orders").update();
		this.jdbc.sql("DROP FUNCTION IF EXISTS fail_once()").update();
		this.jdbc.sql("DROP SEQUENCE IF EXISTS injected_failures").update();
	}

}
