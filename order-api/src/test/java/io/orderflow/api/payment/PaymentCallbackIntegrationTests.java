package io.orderflow.api.payment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.orderflow.api.OrderApiIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PaymentCallbackIntegrationTests extends OrderApiIntegrationTest {

	private static final String SECRET = PaymentCallbackProperties.DEVELOPMENT_SECRET;

	@Test
	void aPaymentForAnOrderAwaitingPaymentPaysIt() {
		String orderNo = placeOrder();

		Response response = callback(succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("PAID");
		Response order = this.support.get("/api/orders/" + orderNo);
		assertThat(order.text("status")).isEqualTo("PAID");
		assertThat(Instant.parse(order.text("paidAt"))).isNotNull();
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
	}

	@Test
	void anUnsignedCallbackIsRefusedAndChangesNothing() {
		String orderNo = placeOrder();

		Response response = this.anonymous.post("/api/payments/callbacks", succeeded(orderNo, "txn-1", "39.80"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
	}

	@Test
	void aCallbackSignedWithAnotherSecretIsRefused() {
		String orderNo = placeOrder();
		String body = succeeded(orderNo, "txn-1", "39.80");
		long now = Instant.now().getEpochSecond();

		Response response = this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
				"t=" + now + ",v1=" + hmac("another-secret", now, body));

		assertThat(response.status()).isEqualTo(401);
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
	}

	@Test
	void aSignatureMoreThanFiveMinutesFromNowIsRefused() {
		String orderNo = placeOrder();
		String body = succeeded(orderNo, "txn-1", "39.80");

		for (Duration offset : new Duration[] { Duration.ofMinutes(-6), Duration.ofMinutes(6) }) {
			long t = Instant.now().plus(offset).getEpochSecond();
			Response response = this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
					"t=" + t + ",v1=" + hmac(SECRET, t, body));
			assertThat(response.status()).isEqualTo(401);
		}
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
	}

	@Test
	void aSignatureOverAnotherBodyIsRefused() {
		String orderNo = placeOrder();
		String signedBody = succeeded(orderNo, "txn-1", "0.01");
		long now = Instant.now().getEpochSecond();

		Response response = this.anonymous.post("/api/payments/callbacks", succeeded(orderNo, "txn-1", "39.80"),
				"Payment-Signature", "t=" + now + ",v1=" + hmac(SECRET, now, signedBody));

		assertThat(response.status()).isEqualTo(401);
	}

	@Test
	void anyOfSeveralSignaturesMayMatchWhileSecretsRotate() {
		String orderNo = placeOrder();
		String body = succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80");
		long now = Instant.now().getEpochSecond();

		Response response = this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
				"t=" + now + ",v1=" + hmac("old-secret", now, body) + ",v1=" + hmac(SECRET, now, body));

		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void thePreviousSecretIsAcceptedWhileTheGatewayRotates() {
		String orderNo = placeOrder();
		String body = succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80");
		long now = Instant.now().getEpochSecond();

		Response previous = this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
				"t=" + now + ",v1=" + hmac(PREVIOUS_SECRET, now, body));
		Response unknown = this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
				"t=" + now + ",v1=" + hmac(PREVIOUS_SECRET + "-not", now, body));

		assertThat(previous.status()).isEqualTo(200);
		assertThat(unknown.status()).isEqualTo(401);
	}

	@Test
	void aMalformedCallbackIsABadRequest() {
		assertThat(callback("{\"eventId\": ").status()).isEqualTo(400);
		Response invalid = callback("""
				{"eventId": "evt-1", "type": "payment.refunded", "orderNo": "X", "transactionId": "t",
				 "amount": "1.001", "currency": "CNY", "occurredAt": "2026-11-22T10:00:00Z"}""");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(invalid.body().path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactly("amount", "type");
	}

	@Test
	void aPaymentForAnUnknownOrderIsRejectedAndRecorded() {
		String eventId = "evt-" + UUID.randomUUID();

		Response response = callback(succeeded("NOSUCHORDER", eventId, "txn-1", "39.80", "CNY"));

		assertThat(response.status()).isEqualTo(422);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(anomaly(eventId)).isEqualTo("UNKNOWN_ORDER");
	}

	@Test
	void aPaymentOfAnotherAmountOrCurrencyIsRejectedAndChangesNothing() {
		String orderNo = placeOrder();
		String wrongAmount = "evt-" + UUID.randomUUID();
		String wrongCurrency = "evt-" + UUID.randomUUID();

		assertThat(callback(succeeded(orderNo, wrongAmount, "txn-1", "39.79", "CNY")).status()).isEqualTo(422);
		assertThat(callback(succeeded(orderNo, wrongCurrency, "txn-1", "39.80", "USD")).status()).isEqualTo(422);

		assertThat(anomaly(wrongAmount)).isEqualTo("AMOUNT_MISMATCH");
		assertThat(anomaly(wrongCurrency)).isEqualTo("AMOUNT_MISMATCH");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
		assertThat(outboxMessages("order.paid", orderNo)).isZero();
	}

	@Test
	void theSameEventAgainChangesNothing() {
		String orderNo = placeOrder();
		String body = succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80");
		callback(body);

		Response again = callback(body);

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("outcome")).isEqualTo("ALREADY_APPLIED");
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
	}

	@Test
	void anotherEventForAnAppliedTransactionChangesNothing() {
		String orderNo = placeOrder();
		String transaction = "txn-" + UUID.randomUUID();
		callback(succeeded(orderNo, transaction, "39.80"));

		Response again = callback(succeeded(orderNo, transaction, "39.80"));

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.text("outcome")).isEqualTo("ALREADY_APPLIED");
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
	}

	@Test
	void aPaymentForACancelledOrderIsRefundedAndTheOrderStaysCancelled() {
		String orderNo = placeOrder();
		this.support.post("/api/orders/" + orderNo + "/cancellation", "");
		String transaction = "txn-" + UUID.randomUUID();

		Response late = callback(succeeded(orderNo, transaction, "39.80"));
		Response again = callback(succeeded(orderNo, transaction, "39.80"));

		assertThat(late.status()).isEqualTo(200);
		assertThat(late.text("outcome")).isEqualTo("REFUND_REQUESTED");
		assertThat(again.text("outcome")).isEqualTo("ALREADY_APPLIED");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("CANCELLED");
		assertThat(outboxMessages("order.refund-requested", orderNo)).isOne();
		assertThat(outboxMessages("order.paid", orderNo)).isZero();
	}

	@Test
	void aSecondTransactionForAPaidOrderIsRefunded() {
		String orderNo = placeOrder();
		callback(succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80"));

		Response second = callback(succeeded(orderNo, "txn-" + UUID.randomUUID(), "39.80"));

		assertThat(second.text("outcome")).isEqualTo("REFUND_REQUESTED");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PAID");
		assertThat(outboxMessages("order.paid", orderNo)).isOne();
		assertThat(outboxMessages("order.refund-requested", orderNo)).isOne();
	}

	@Test
	void aFailedPaymentIsRecordedAndTheOrderStaysPayable() {
		String orderNo = placeOrder();

		Response response = callback(
				callbackBody("evt-" + UUID.randomUUID(), "payment.failed", orderNo, "txn-1", "39.80", "CNY"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("outcome")).isEqualTo("FAILURE_RECORDED");
		assertThat(this.support.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
	}

	@Test
	void readingAnOrderPastItsDeadlineCancelsItOnTheSpot() {
		Response placed = this.checkout.post("/api/orders",
				VALID_ORDER.formatted(newCustomer()).replace("PT30M", "PT1S"));
		String orderNo = placed.text("orderNo");
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Instant.now().isAfter(Instant.parse(placed.text("paymentDeadline"))));

		Response read = this.support.get("/api/orders/" + orderNo);

		assertThat(read.text("status")).isEqualTo("CANCELLED");
		assertThat(read.text("cancelReason")).isEqualTo("PAYMENT_TIMEOUT");
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
	}

	private String placeOrder() {
		return this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer())).text("orderNo");
	}

	private Response callback(String body) {
		long now = Instant.now().getEpochSecond();
		return this.anonymous.post("/api/payments/callbacks", body, "Payment-Signature",
				"t=" + now + ",v1=" + hmac(SECRET, now, body));
	}

	private static String succeeded(String orderNo, String transactionId, String amount) {
		return succeeded(orderNo, "evt-" + UUID.randomUUID(), transactionId, amount, "CNY");
	}

	private static String succeeded(String orderNo, String eventId, String transactionId, String amount,
			String currency) {
		return callbackBody(eventId, "payment.succeeded", orderNo, transactionId, amount, currency);
	}

	private static String callbackBody(String eventId, String type, String orderNo, String transactionId, String amount,
			String currency) {
		return """
				{"eventId": "%s", "type": "%s", "orderNo": "%s", "transactionId": "%s",
				 "amount": "%s", "currency": "%s", "occurredAt": "%s"}""".formatted(eventId, type, orderNo,
				transactionId, amount, currency, Instant.now());
	}

	private String anomaly(String eventId) {
		return this.jdbc.sql("SELECT kind FROM payment_anomaly WHERE event_id = :eventId")
			.param("eventId", eventId)
			.query(String.class)
			.single();
	}

	/** Signs as the gateway does, independently of the code under test. */
	private static String hmac(String secret, long timestamp, String body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
