package io.orderflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.order.OrderCancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CustomerCancellationIntegrationTests extends OrderApiIntegrationTest {

	@Autowired
	OrderCancellation cancellation;

	private List<String> refundReasons(String orderNo) {
		return this.jdbc.sql("""
				SELECT payload::jsonb ->> 'reason'
				FROM outbox_message
				WHERE destination = 'order.refund-requested'
				  AND payload::jsonb ->> 'orderNo' = :orderNo""").param("orderNo", orderNo).query(String.class).list();
	}

	private final String customerId = newCustomer();

	private final Client owner = customer(this.customerId);

	@Test
	void cancelsAnOrderAwaitingPayment() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		Response cancelled = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
		assertThat(cancelled.text("cancelReason")).isEqualTo("CUSTOMER_REQUEST");
		assertThat(Instant.parse(cancelled.text("cancelledAt"))).isNotNull();
		assertThat(this.owner.get("/api/orders/" + orderNo).text("status")).isEqualTo("CANCELLED");
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
	}

	@Test
	void repeatingTheCancellationChangesNothing() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		Response first = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		Response again = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
	}

	@Test
	void anOrderThatTimedOutCanNoLongerBeCancelled() {
		Response placed = this.checkout.post("/api/orders",
				VALID_ORDER.formatted(this.customerId).replace("PT30M", "PT1S"));
		String orderNo = placed.text("orderNo");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Instant.now().isAfter(Instant.parse(placed.text("paymentDeadline"))));
		this.cancellation.cancelForPaymentTimeout(orderNo);

		Response refused = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.contentType()).isEqualTo("application/problem+json");
		assertThat(refused.text("detail")).contains("CANCELLED (PAYMENT_TIMEOUT)");
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
	}

	@Test
	void supportCancelsAnyCustomersOrder() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		Response cancelled = this.support.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("cancelReason")).isEqualTo("CUSTOMER_REQUEST");
	}

	@Test
	void aPaidOrderNotShippedIsCancelledAndRefundedInOneStep() {
		String orderNo = paidOrderOf(this.customerId);

		Response cancelled = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
		assertThat(cancelled.text("cancelReason")).isEqualTo("CUSTOMER_REQUEST");
		assertThat(cancelled.text("paidAt")).isNotEmpty();
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
		assertThat(refundReasons(orderNo)).containsExactly("CUSTOMER_REQUEST");
		assertThat(this.jdbc.sql("SELECT outcome FROM payment WHERE order_no = :orderNo")
			.param("orderNo", orderNo)
			.query(String.class)
			.single()).isEqualTo("REFUND_REQUESTED");
	}

	@Test
	void aPaidOrderWhosePaymentIsNotRecordedIsNotCancelledWithoutItsRefund() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		this.jdbc.sql("UPDATE orders SET status = 'PAID', paid_at = now() WHERE order_no = :orderNo")
			.param("orderNo", orderNo)
			.update();

		Response refused = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(refused.status()).isEqualTo(500);
		assertThat(this.owner.get("/api/orders/" + orderNo).text("status")).isEqualTo("PAID");
		assertThat(outboxMessages("order.cancelled", orderNo)).isZero();
	}

	@Test
	void aShippedOrderCanNoLongerBeCancelled() {
		String orderNo = paidOrderOf(this.customerId);
		this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);

		Response refused = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.text("detail")).contains("SHIPPED");
		assertThat(outboxMessages("order.cancelled", orderNo)).isZero();
		assertThat(refundReasons(orderNo)).isEmpty();
	}

	@Test
	void aCancellationRacingTheShipmentLeavesOneWinnerAndRefundsOnlyACancelledOrder() throws Exception {
		List<String> orderNos = IntStream.range(0, 20).mapToObj((i) -> paidOrderOf(this.customerId)).toList();
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (String orderNo : orderNos) {
				CyclicBarrier start = new CyclicBarrier(2);
				Future<Response> cancel = pool.submit(() -> {
					start.await();
					return this.owner.post("/api/orders/" + orderNo + "/cancellation", "");
				});
				Future<Response> ship = pool.submit(() -> {
					start.await();
					return this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);
				});
				int cancelStatus = cancel.get().status();
				int shipStatus = ship.get().status();

				assertThat(List.of(cancelStatus, shipStatus)).as("cancel, ship of %s", orderNo)
					.containsExactlyInAnyOrder(200, 409);
				boolean cancelled = cancelStatus == 200;
				assertThat(this.support.get("/api/orders/" + orderNo).text("status"))
					.isEqualTo(cancelled ? "CANCELLED" : "SHIPPED");
				assertThat(outboxMessages("order.cancelled", orderNo)).isEqualTo(cancelled ? 1 : 0);
				assertThat(outboxMessages("order.shipped", orderNo)).isEqualTo(cancelled ? 0 : 1);
				assertThat(refundReasons(orderNo)).hasSize(cancelled ? 1 : 0);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anOrderThatCostNothingIsCancelledWithoutARefund() {
		String orderNo = this.checkout.post("/api/orders", FREE_ORDER.formatted(this.customerId)).text("orderNo");

		Response cancelled = this.owner.post("/api/orders/" + orderNo + "/cancellation", "");

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
		assertThat(refundReasons(orderNo)).isEmpty();
	}

	@Test
	void cancellingAnUnknownOrderIsNotFound() {
		assertThat(this.owner.post("/api/orders/NOSUCHORDER/cancellation", "").status()).isEqualTo(404);
	}

}
