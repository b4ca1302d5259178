package io.orderflow.timeout;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.order.CancelReason;
import io.orderflow.order.Completion.CompletedBy;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders whose timer was lost: stored as by a crashed or misconfigured deployment, with
 * no timer anywhere.
 */
class OverdueOrderSweeperIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Autowired
	OverdueOrderSweeper sweeper;

	@Test
	void cancelsUnpaidOrdersOverdueByMoreThanTheGraceAndLeavesLateOnesToTheirTimer() {
		Order lost = current(lostOrder(Duration.ofMinutes(5)));
		Order late = current(lostOrder(Duration.ofSeconds(10)));

		this.sweeper.sweep();

		assertThat(current(lost).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(current(lost).cancelReason()).isEqualTo(CancelReason.PAYMENT_TIMEOUT);
		assertThat(cancelledEvents(lost)).isOne();
		assertThat(current(late).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	@Test
	void sweepersRunningAtOnceCancelEachOrderOnce() {
		List<Order> lost = IntStream.range(0, 250).mapToObj((i) -> lostOrder(Duration.ofMinutes(2))).toList();

		CompletableFuture<Integer> one = CompletableFuture.supplyAsync(this.sweeper::sweep);
		CompletableFuture<Integer> other = CompletableFuture.supplyAsync(this.sweeper::sweep);

		assertThat(one.join() + other.join()).isGreaterThanOrEqualTo(lost.size());
		assertThat(lost).allSatisfy((order) -> {
			assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED);
			assertThat(cancelledEvents(order)).isOne();
		});
	}

	@Test
	void completesShippedOrdersWhoseAutoCompletionIsOverdueByMoreThanTheGrace() {
		Order lost = shippedOrder(Duration.ofMinutes(5));
		Order late = shippedOrder(Duration.ofSeconds(10));

		this.sweeper.sweep();

		assertThat(current(lost).status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(current(lost).completion().completedBy()).isEqualTo(CompletedBy.AUTO);
		assertThat(events("order.completed", lost)).isOne();
		assertThat(current(late).status()).isEqualTo(OrderStatus.SHIPPED);
	}

	/** Shipped, with its auto-completion {@code overdueBy} ago and no timer anywhere. */
	private Order shippedOrder(Duration overdueBy) {
		Order order = lostOrder(Duration.ofMinutes(40));
		Instant autoCompleteAt = Instant.now().minus(overdueBy);
		this.jdbc.sql("""
				UPDATE orders
				SET status = 'SHIPPED',
				    paid_at = created_at,
				    shipped_at = :shippedAt,
				    auto_complete_at = :autoCompleteAt
				WHERE order_no = :orderNo""")
			.param("shippedAt", autoCompleteAt.minus(Duration.ofDays(7)).atOffset(ZoneOffset.UTC))
			.param("autoCompleteAt", autoCompleteAt.atOffset(ZoneOffset.UTC))
			.param("orderNo", order.orderNo())
			.update();
		return current(order);
	}

	private Order lostOrder(Duration overdueBy) {
		String orderNo = "LOST" + UUID.randomUUID().toString().replace("-", "").substring(0, 22).toUpperCase();
		Instant deadline = Instant.now().minus(overdueBy);
		this.jdbc.sql("""
				INSERT INTO orders (order_no, customer_id, status, currency, total_amount, created_at, payment_deadline)
				VALUES (:orderNo, 'c-lost', 'PENDING_PAYMENT', 'CNY', 10.00, :createdAt, :deadline)""")
			.param("orderNo", orderNo)
			.param("createdAt", deadline.minus(Duration.ofMinutes(30)).atOffset(ZoneOffset.UTC))
			.param("deadline", deadline.atOffset(ZoneOffset.UTC))
			.update();
		return this.lookup.findAsStored(orderNo).orElseThrow();
	}

}
