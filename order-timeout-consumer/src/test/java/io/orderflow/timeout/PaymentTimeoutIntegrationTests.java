package io.orderflow.timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.order.OrderAccess;
import io.orderflow.order.CancelReason;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PaymentTimeoutIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	@Autowired
	OrderCancellation cancellation;

	@Test
	void shortTimeoutsFireAtTheirOwnDeadlineEvenWhenALongerOneWasCreatedFirst() {
		Order twentySeconds = placeOrder(Duration.ofSeconds(20));
		Order twoSeconds = placeOrder(Duration.ofSeconds(2));
		Order fiveSeconds = placeOrder(Duration.ofSeconds(5));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(List.of(current(twoSeconds), current(fiveSeconds)))
				.allSatisfy((order) -> assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED)));

		for (Order order : List.of(twoSeconds, fiveSeconds)) {
			Order cancelled = current(order);
			assertThat(cancelled.cancelReason()).isEqualTo(CancelReason.PAYMENT_TIMEOUT);
			assertThat(Duration.between(cancelled.paymentDeadline(), cancelled.cancelledAt()))
				.isGreaterThanOrEqualTo(Duration.ZERO)
				.isLessThanOrEqualTo(Duration.ofMillis(1500));
		}
		assertThat(current(twentySeconds).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	@Test
	void timersThatExpireWhileTheConsumerIsDownCancelTheirOrdersOnceItIsBack() {
		MessageListenerContainer consumer = this.listeners.getListenerContainer("payment-timeout");
		List<Order> placed;
		consumer.stop();
		try {
			placed = IntStream.range(0, 5).mapToObj((i) -> placeOrder(Duration.ofSeconds(1))).toList();
			Instant lastDeadline = placed.get(placed.size() - 1).paymentDeadline();
			// timers are rounded up to whole seconds and then take a few hops: give them
			// 2 s
			await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(lastDeadline.plusSeconds(2)));
			assertThat(waitingTimers()).isGreaterThanOrEqualTo(placed.size());
			assertThat(placed)
				.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
		}
		finally {
			consumer.start();
		}

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(placed)
				.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED)));
		assertThat(placed).allSatisfy((order) -> assertThat(cancelledEvents(order)).isOne());
	}

	@Test
	void anOrderPlacedWhileTheBrokerIsUnreachableIsStillTimedOutOnceItIsBack() {
		Order order;
		brokerLink().cut();
		try {
			order = placeOrder(Duration.ofSeconds(1));
			await().atMost(Duration.ofSeconds(10)).until(() -> failedTimerPublications(order) > 0);
			await().until(() -> Instant.now().isAfter(order.paymentDeadline()));
			assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		}
		finally {
			brokerLink().restore();
		}

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(current(order).cancelReason()).isEqualTo(CancelReason.PAYMENT_TIMEOUT);
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void customerCancelRacingTheTimeoutLeavesOneTerminalStateAndOneEvent() throws Exception {
		List<Order> placed = IntStream.range(0, 40).mapToObj((i) -> placeOrder(Duration.ofSeconds(1))).toList();
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			await().until(() -> placed.stream().allMatch((order) -> Instant.now().isAfter(order.paymentDeadline())));
			// the real timer is arriving now; a customer cancel and a direct timeout race
			// it
			List<CompletableFuture<Void>> races = placed.stream().map((order) -> race(order, pool)).toList();
			CompletableFuture.allOf(races.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		}
		finally {
			pool.shutdownNow();
		}

		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(placed)
				.allSatisfy((order) -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED)));
		assertThat(placed).allSatisfy((order) -> assertThat(cancelledEvents(order)).isOne());
	}

	private CompletableFuture<Void> race(Order order, ExecutorService pool) {
		CyclicBarrier start = new CyclicBarrier(2);
		CompletableFuture<Void> customer = CompletableFuture.runAsync(() -> {
			awaitQuietly(start);
			this.customerCancellation.cancel(order.orderNo(), OrderAccess.ANY_CUSTOMER);
		}, pool);
		CompletableFuture<Void> timeout = CompletableFuture.runAsync(() -> {
			awaitQuietly(start);
			this.cancellation.cancelForPaymentTimeout(order.orderNo());
		}, pool);
		return CompletableFuture.allOf(customer, timeout);
	}

	private static void awaitQuietly(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long waitingTimers() {
		var info = this.admin.getQueueInfo(this.topology.paymentTimeoutQueue());
		return (info != null) ? info.getMessageCount() : 0;
	}

	private int failedTimerPublications(Order order) {
		return this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE kind = 'TIMER'
				  AND payload::jsonb ->> 'orderNo' = :orderNo
				  AND published_at IS NULL
				  AND attempts > 0""").param("orderNo", order.orderNo()).query(Integer.class).single();
	}

}
