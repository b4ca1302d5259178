package io.orderflow.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Versions against lost updates: every order carries a version that each change
 * increments, read as a strong ETag, and a change sent with a stale If-Match changes
 * nothing (412).
 */
class OrderVersionIntegrationTests extends OrderApiIntegrationTest {

	private final String customerId = newCustomer();

	private final Client owner = customer(this.customerId);

	@Test
	void anOrderIsReadWithItsVersionAsAStrongETag() {
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId));
		String orderNo = placed.text("orderNo");

		Response read = this.owner.get("/api/orders/" + orderNo);

		assertThat(placed.body().path("version").asLong()).isEqualTo(1);
		assertThat(read.header("ETag")).isEqualTo("\"1\"");
		assertThat(this.owner.get("/api/orders/" + orderNo, "If-None-Match", "\"1\"").status()).isEqualTo(304);
	}

	@Test
	void everyChangeIncrementsTheVersionAndEveryEventCarriesIt() {
		String orderNo = paidOrderOf(this.customerId);

		Response paid = this.owner.get("/api/orders/" + orderNo);
		Response shipped = this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT);

		assertThat(paid.header("ETag")).isEqualTo("\"2\"");
		assertThat(shipped.header("ETag")).isEqualTo("\"3\"");
		assertThat(shipped.body().path("version").asLong()).isEqualTo(3);
		assertThat(eventVersions(orderNo)).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aCancellationWithAStaleIfMatchChangesNothing() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		Response refused = this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", "\"7\"");

		assertThat(refused.status()).isEqualTo(412);
		assertThat(refused.contentType()).isEqualTo("application/problem+json");
		assertThat(refused.text("detail")).contains("version \"1\"");
		assertThat(this.owner.get("/api/orders/" + orderNo).text("status")).isEqualTo("PENDING_PAYMENT");
		assertThat(outboxMessages("order.cancelled", orderNo)).isZero();
	}

	@Test
	void aChangeWithTheCurrentIfMatchIsApplied() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		String etag = this.owner.get("/api/orders/" + orderNo).header("ETag");

		Response cancelled = this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", etag);

		assertThat(cancelled.status()).isEqualTo(200);
		assertThat(cancelled.header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void aShipmentAndAReceiptWithAStaleIfMatchAreRefused() {
		String orderNo = paidOrderOf(this.customerId);

		Response ship = this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT, "If-Match", "\"1\"");
		Response shipped = this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT, "If-Match",
				"\"1\", \"2\"");
		Response receipt = this.owner.post("/api/orders/" + orderNo + "/receipt", "", "If-Match", "\"2\"");

		assertThat(ship.status()).isEqualTo(412);
		assertThat(shipped.status()).as("one of the listed tags matches").isEqualTo(200);
		assertThat(receipt.status()).isEqualTo(412);
		assertThat(this.owner.get("/api/orders/" + orderNo).text("status")).isEqualTo("SHIPPED");
	}

	@Test
	void aWildcardMatchesAnyVersionAndAWeakTagNone() {
		String first = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		String second = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		Response wildcard = this.owner.post("/api/orders/" + first + "/cancellation", "", "If-Match", "*");
		Response weak = this.owner.post("/api/orders/" + second + "/cancellation", "", "If-Match", "W/\"1\"");

		assertThat(wildcard.status()).isEqualTo(200);
		assertThat(weak.status()).as("If-Match compares strongly").isEqualTo(412);
	}

	@Test
	void aTagIsComparedAsWrittenNotAsANumber() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		assertThat(this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", "\"01\"").status())
			.isEqualTo(412);
	}

	@Test
	void repeatingAConditionalCancellationAnswersTheCancelledOrder() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");
		Response first = this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", "\"1\"");

		Response again = this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", "\"1\"");

		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(outboxMessages("order.cancelled", orderNo)).isOne();
	}

	@Test
	void anOrderThatCostsNothingIsCreatedAtVersionOneAndPaidAtVersionTwo() {
		Response placed = this.checkout.post("/api/orders", FREE_ORDER.formatted(this.customerId));

		assertThat(placed.body().path("version").asLong()).isEqualTo(2);
		assertThat(this.owner.get("/api/orders/" + placed.text("orderNo")).header("ETag")).isEqualTo("\"2\"");
		assertThat(eventVersions(placed.text("orderNo"))).containsExactly(1L, 2L);
	}

	@Test
	void aMalformedIfMatchIsABadRequest() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		Response refused = this.owner.post("/api/orders/" + orderNo + "/cancellation", "", "If-Match", "1");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.text("detail")).contains("If-Match");
	}

	@Test
	void aChangeWithoutIfMatchIsNeverRefusedForLackOfIt() {
		String orderNo = this.checkout.post("/api/orders", VALID_ORDER.formatted(this.customerId)).text("orderNo");

		assertThat(this.owner.post("/api/orders/" + orderNo + "/cancellation", "").status()).isEqualTo(200);
	}

	private java.util.List<Long> eventVersions(String orderNo) {
		return this.jdbc.sql("""
				SELECT (payload::jsonb ->> 'orderVersion')::bigint
				FROM outbox_message
				WHERE kind = 'EVENT'
				  AND payload::jsonb ->> 'orderNo' = :orderNo
				ORDER BY (payload::jsonb ->> 'orderVersion')::bigint""")
			.param("orderNo", orderNo)
			.query(Long.class)
			.list();
	}

}
