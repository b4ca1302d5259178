package io.orderflow.timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.payment.PaymentOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payment callbacks and payment timers hitting the same orders at the same moment: every
 * order must end in exactly one consistent state with exactly the events that state calls
 * for.
 */
class PaymentRaceIntegrationTests extends TimeoutConsumerIntegrationTest {

	private static final int ORDERS = 500;

	@Test
	void everyOrderEndsPaidOrCancelledNeverBothAndNoEventIsDuplicated() throws Exception {
		// deadlines bunched around one instant; on a slow machine, the last orders get 1
		// s
		Instant deadline = Instant.now().plusSeconds(4);
		List<Order> orders = IntStream.range(0, ORDERS)
			.mapToObj((i) -> placeOrder(atLeastOneSecond(Duration.between(Instant.now(), deadline))))
			.toList();
		Map<String, PaymentOutcome> outcomes = new ConcurrentHashMap<>();
		ScheduledExecutorService gateway = Executors.newScheduledThreadPool(8);
		try {
			for (Order order : orders) {
				// each payment lands somewhere between just before the deadline and just
				// after the timer
				long delay = Duration.between(Instant.now(), order.paymentDeadline()).toMillis()
						+ ThreadLocalRandom.current().nextLong(-200, 1300);
				gateway.schedule(() -> outcomes.put(order.orderNo(), pay(order)), Math.max(delay, 0),
						TimeUnit.MILLISECONDS);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.size() == ORDERS);
		}
		finally {
			gateway.shutdownNow();
		}
		await().atMost(Duration.ofSeconds(20))
			.until(() -> orders.stream().noneMatch((order) -> current(order).isAwaitingPayment()));

		int paid = 0;
		int refunded = 0;
		for (Order order : orders) {
			Order end = current(order);
			int paidEvents = events("order.paid", order);
			int cancelledEvents = cancelledEvents(order);
			int refundEvents = events("order.refund-requested", order);
			if (end.status() == OrderStatus.PAID) {
				paid++;
				assertThat(outcomes.get(order.orderNo())).isInstanceOf(PaymentOutcome.Paid.class);
				assertThat(List.of(paidEvents, cancelledEvents, refundEvents)).containsExactly(1, 0, 0);
			}
			else {
				assertThat(end.status()).isEqualTo(OrderStatus.CANCELLED);
				assertThat(outcomes.get(order.orderNo())).isInstanceOf(PaymentOutcome.RefundRequested.class);
				assertThat(List.of(paidEvents, cancelledEvents, refundEvents)).containsExactly(0, 1, 1);
				refunded++;
			}
		}
		assertThat(paid + refunded).isEqualTo(ORDERS);
		System.out.printf("payment race: %d orders, %d paid, %d cancelled and refunded%n", ORDERS, paid, refunded);
	}

	private PaymentOutcome pay(Order order) {
		return this.payments.apply(
				new PaymentNotification("evt-" + UUID.randomUUID(), PaymentNotification.Type.SUCCEEDED, order.orderNo(),
						"txn-" + UUID.randomUUID(), order.totalAmount(), order.currency(), Instant.now()),
				"{}");
	}

	private static Duration atLeastOneSecond(Duration timeout) {
		return (timeout.compareTo(Duration.ofSeconds(1)) < 0) ? Duration.ofSeconds(1) : timeout;
	}

}
