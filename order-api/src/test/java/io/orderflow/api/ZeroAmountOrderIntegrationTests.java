package io.orderflow.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.orderflow.payment.PaymentNotification;
import io.orderflow.payment.PaymentOutcome;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders that cost nothing (free gifts, fully discounted carts): no payment will ever
 * come, so they are paid as they are placed, with no payment timer and no reminder.
 */
class ZeroAmountOrderIntegrationTests extends OrderApiIntegrationTest {

	private final String customerId = newCustomer();

	@Test
	void anOrderThatCostsNothingIsPaidAsItIsPlaced() {
		Response placed = this.checkout.post("/api/orders", FREE_ORDER.formatted(this.customerId));
		String orderNo = placed.text("orderNo");

		assertThat(placed.status()).isEqualTo(201);
		assertThat(placed.text("status")).isEqualTo("PAID");
		assertThat(placed.text("totalAmount")).isEqualTo("0.00");
		assertThat(placed.text("paidAt")).isEqualTo(placed.text("createdAt"));
		assertThat(outboxMessages("order.created", orderNo)).isOne();
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
		assertThat(eventFieldType("order.paid", orderNo, "transactionId")).isEqualTo("null");
		assertThat(this.jdbc.sql("""
				SELECT count(*)
				FROM outbox_message
				WHERE kind = 'TIMER'
				  AND payload::jsonb ->> 'orderNo' = :orderNo""")
			.param("orderNo", orderNo)
			.query(Integer.class)
			.single()).as("timers").isZero();
	}

	@Test
	void aPaymentCallbackForAnOrderThatCostsNothingIsAnAnomaly() {
		String orderNo = this.checkout.post("/api/orders", FREE_ORDER.formatted(this.customerId)).text("orderNo");
		String eventId = "evt-" + UUID.randomUUID();

		PaymentOutcome outcome = this.payments
			.apply(new PaymentNotification(eventId, PaymentNotification.Type.SUCCEEDED, orderNo,
					"txn-" + UUID.randomUUID(), BigDecimal.ZERO, Currency.getInstance("CNY"), Instant.now()), "{}");

		assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Rejected.class,
				(rejected) -> assertThat(rejected.kind()).isEqualTo(PaymentOutcome.Anomaly.NO_PAYMENT_EXPECTED));
		assertThat(this.jdbc.sql("SELECT kind FROM payment_anomaly WHERE event_id = :eventId")
			.param("eventId", eventId)
			.query(String.class)
			.single()).isEqualTo("NO_PAYMENT_EXPECTED");
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
		assertThat(outboxMessages("order.refund-requested", orderNo)).isZero();
	}

}
