package io.orderflow.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.order.OrderCancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CustomerCancellationIntegrationTests extends OrderApiIntegrationTest {

	@Autowired
	OrderCancellation cancellation;

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
	void cancellingAnUnknownOrderIsNotFound() {
		assertThat(this.owner.post("/api/orders/NOSUCHORDER/cancellation", "").status()).isEqualTo(404);
	}

}
