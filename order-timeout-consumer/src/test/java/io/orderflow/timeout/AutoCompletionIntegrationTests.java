package io.orderflow.timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.orderflow.order.OrderAccess;
import io.orderflow.order.Completion.CompletedBy;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AutoCompletionIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Test
	void aShippedOrderNobodyConfirmsCompletesByItselfWhenItsTimerIsDue() {
		Order order = ship(paidOrder(Duration.ofMinutes(30)), Duration.ofSeconds(2));

		await().atMost(Duration.ofSeconds(6))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.COMPLETED));

		Order completed = current(order);
		assertThat(completed.completion().completedBy()).isEqualTo(CompletedBy.AUTO);
		assertThat(Duration.between(completed.shipment().autoCompleteAt(), completed.completion().completedAt()))
			.isGreaterThanOrEqualTo(Duration.ZERO)
			.isLessThanOrEqualTo(Duration.ofMillis(1500));
		assertThat(events("order.completed", order)).isOne();
	}

	@Test
	void aReceiptConfirmedFirstLeavesTheTimerNothingToDo() {
		double nothingToDo = timerOutcomes("NotAllowed");
		Order order = ship(paidOrder(Duration.ofMinutes(30)), Duration.ofSeconds(1));
		this.fulfilment.confirmReceipt(order.orderNo(), OrderAccess.ANY_CUSTOMER);

		await().atMost(Duration.ofSeconds(5)).until(() -> timerOutcomes("NotAllowed") > nothingToDo);

		assertThat(current(order).completion().completedBy()).isEqualTo(CompletedBy.CUSTOMER);
		assertThat(events("order.completed", order)).isOne();
	}

	@Test
	void theCustomerAndTheTimerRacingCompleteTheOrderOnce() throws Exception {
		Order order = ship(paidOrder(Duration.ofMinutes(30)), Duration.ofSeconds(1));
		await().until(() -> Instant.now().isAfter(order.shipment().autoCompleteAt()));

		// the real timer is arriving now too
		CompletableFuture<?> customer = CompletableFuture
			.runAsync(() -> this.fulfilment.confirmReceipt(order.orderNo(), OrderAccess.ANY_CUSTOMER));
		CompletableFuture<?> timer = CompletableFuture
			.runAsync(() -> this.fulfilment.completeAutomatically(order.orderNo()));
		CompletableFuture.allOf(customer, timer).get();

		assertThat(current(order).status()).isEqualTo(OrderStatus.COMPLETED);
		assertThat(events("order.completed", order)).isOne();
	}

	private double timerOutcomes(String outcome) {
		var counter = this.meters.find("order.auto.completions").tag("outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Order ship(Order paid, Duration autoCompleteAfter) {
		this.fulfilment.ship(paid.orderNo(), "SF", "SF123", autoCompleteAfter);
		return current(paid);
	}

}
