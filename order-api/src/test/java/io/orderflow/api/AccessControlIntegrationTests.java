package io.orderflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.jwt.JwtClaimsSet;

import io.orderflow.api.security.Scopes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what, over real HTTP with signed tokens: the callers of the token contract,
 * each reaching only its endpoints, and customers reaching only their own orders.
 */
class AccessControlIntegrationTests extends OrderApiIntegrationTest {

	private static final String SHIPMENT = """
			{"carrier": "SF Express", "trackingNo": "SF1"}""";

	private final String aliceId = newCustomer();

	private final Client alice = customer(this.aliceId);

	private final Client mallory = customer(newCustomer());

	@Test
	void aRequestWithoutATokenIsUnauthorized() {
		String orderNo = placeFor(this.aliceId);

		assertUnauthorized(this.anonymous.post("/api/orders", VALID_ORDER.formatted(this.aliceId)));
		assertUnauthorized(this.anonymous.get("/api/orders/" + orderNo));
		assertUnauthorized(this.anonymous.get("/api/orders?customerId=" + this.aliceId));
		assertUnauthorized(this.anonymous.post("/api/orders/" + orderNo + "/cancellation", ""));
		assertUnauthorized(this.anonymous.post("/api/orders/" + orderNo + "/shipment", SHIPMENT));
		assertThat(this.anonymous.get("/api/orders/" + orderNo + "/nonsense").status()).isEqualTo(401);
		assertThat(ordersOf(this.aliceId)).isOne();
	}

	@Test
	void anExpiredTokenIsUnauthorized() {
		Instant issued = Instant.now().minus(Duration.ofHours(2));
		String expired = TestTokens
			.sign(claims(this.aliceId).issuedAt(issued).expiresAt(issued.plus(Duration.ofHours(1))).build());

		Response response = bearer(expired).get("/api/orders?customerId=" + this.aliceId);

		assertUnauthorized(response);
		assertThat(response.text("detail")).contains("expired");
	}

	@Test
	void aTokenForAnotherAudienceIsUnauthorized() {
		String elsewhere = TestTokens.sign(claims(this.aliceId).audience(List.of("payment-api")).build());

		assertUnauthorized(bearer(elsewhere).get("/api/orders?customerId=" + this.aliceId));
	}

	@Test
	void aTokenWithoutAnExpiryIsUnauthorized() {
		String forever = TestTokens.sign(claims(this.aliceId).claims((claims) -> claims.remove("exp")).build());

		assertUnauthorized(bearer(forever).get("/api/orders?customerId=" + this.aliceId));
	}

	@Test
	void aTokenWithoutASubjectIsUnauthorized() {
		String nobody = TestTokens.sign(claims(this.aliceId).claims((claims) -> claims.remove("sub")).build());

		assertUnauthorized(bearer(nobody).get("/api/orders"));
	}

	@Test
	void anUnsignedTokenIsUnauthorized() {
		String signed = TestTokens.token(this.aliceId, Scopes.READ);
		String[] parts = signed.split("\\.");
		String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());

		assertUnauthorized(bearer(none + "." + parts[1] + ".").get("/api/orders"));
	}

	@Test
	void aTokenSignedByAnotherKeyIsUnauthorized() {
		String forged = TestTokens.signWithUnknownKey(claims(this.aliceId).build());

		assertUnauthorized(bearer(forged).get("/api/orders?customerId=" + this.aliceId));
	}

	@Test
	void aTokenWithoutTheScopeIsForbidden() {
		String orderNo = placeFor(this.aliceId);

		assertForbidden(this.alice.post("/api/orders", VALID_ORDER.formatted(this.aliceId)));
		assertForbidden(this.checkout.get("/api/orders/" + orderNo));
		assertForbidden(this.warehouse.post("/api/orders/" + orderNo + "/cancellation", ""));
		assertForbidden(this.support.post("/api/orders/" + orderNo + "/receipt", ""));
		assertThat(ordersOf(this.aliceId)).isOne();
	}

	@Test
	void everyMethodOnTheReadPathsNeedsTheReadScope() {
		String orderNo = placeFor(this.aliceId);

		assertThat(this.warehouse.head("/api/orders/" + orderNo).status()).isEqualTo(403);
		assertThat(this.warehouse.head("/api/orders?customerId=" + this.aliceId).status()).isEqualTo(403);
		assertThat(this.anonymous.head("/api/orders/" + orderNo).status()).isEqualTo(401);
		assertThat(this.alice.head("/api/orders/" + orderNo).status()).isEqualTo(200);
	}

	@Test
	void onlyTheCustomerConfirmsReceiptWhateverElseTheTokenHolds() {
		String shipped = paidOrderOf(this.aliceId);
		this.warehouse.post("/api/orders/" + shipped + "/shipment", SHIPMENT);
		Client supportWithWrite = bearer(TestTokens.token("support-agent-2", Scopes.ADMIN, Scopes.WRITE));

		assertNotFound(supportWithWrite.post("/api/orders/" + shipped + "/receipt", ""));
		assertThat(this.alice.get("/api/orders/" + shipped).text("status")).isEqualTo("SHIPPED");
	}

	@Test
	void aCustomerCannotShip() {
		String orderNo = paidOrderOf(this.aliceId);

		assertForbidden(this.alice.post("/api/orders/" + orderNo + "/shipment", SHIPMENT));
		assertThat(this.alice.get("/api/orders/" + orderNo).text("status")).isEqualTo("PAID");
		assertThat(this.warehouse.post("/api/orders/" + orderNo + "/shipment", SHIPMENT).status()).isEqualTo(200);
	}

	@Test
	void anotherCustomersOrderIsNotFoundOnReadCancelAndReceipt() {
		String pending = placeFor(this.aliceId);
		String shipped = paidOrderOf(this.aliceId);
		this.warehouse.post("/api/orders/" + shipped + "/shipment", SHIPMENT);

		assertNotFound(this.mallory.get("/api/orders/" + pending));
		assertNotFound(this.mallory.post("/api/orders/" + pending + "/cancellation", ""));
		assertNotFound(this.mallory.post("/api/orders/" + shipped + "/receipt", ""));
		assertThat(this.alice.get("/api/orders/" + pending).text("status")).isEqualTo("PENDING_PAYMENT");
		assertThat(this.alice.get("/api/orders/" + shipped).text("status")).isEqualTo("SHIPPED");
		assertThat(outboxMessages("order.cancelled", pending)).isZero();
		assertThat(outboxMessages("order.completed", shipped)).isZero();
	}

	@Test
	void theOwnerReadsCancelsAndConfirmsReceipt() {
		String pending = placeFor(this.aliceId);
		String shipped = paidOrderOf(this.aliceId);
		this.warehouse.post("/api/orders/" + shipped + "/shipment", SHIPMENT);

		assertThat(this.alice.get("/api/orders/" + pending).status()).isEqualTo(200);
		assertThat(this.alice.post("/api/orders/" + pending + "/cancellation", "").text("status"))
			.isEqualTo("CANCELLED");
		assertThat(this.alice.post("/api/orders/" + shipped + "/receipt", "").text("status")).isEqualTo("COMPLETED");
	}

	@Test
	void aCustomerListsOnlyTheirOwnOrders() {
		String own = placeFor(this.aliceId);
		String malloryId = newCustomer();
		placeFor(malloryId);

		Response implicit = this.alice.get("/api/orders");
		Response explicit = this.alice.get("/api/orders?customerId=" + this.aliceId);
		Response someoneElses = this.alice.get("/api/orders?customerId=" + malloryId);

		assertThat(orderNos(implicit)).containsExactly(own);
		assertThat(orderNos(explicit)).containsExactly(own);
		assertForbidden(someoneElses);
		assertThat(someoneElses.body().has("items")).isFalse();
	}

	@Test
	void supportReadsAndListsAnyCustomersOrders() {
		String orderNo = placeFor(this.aliceId);

		assertThat(this.support.get("/api/orders/" + orderNo).status()).isEqualTo(200);
		assertThat(orderNos(this.support.get("/api/orders?customerId=" + this.aliceId))).containsExactly(orderNo);
	}

	@Test
	void theResponseIsTheSameWhoeverReadsTheOrder() {
		String orderNo = placeFor(this.aliceId);

		assertThat(this.alice.get("/api/orders/" + orderNo).body())
			.isEqualTo(this.support.get("/api/orders/" + orderNo).body());
	}

	@Test
	void metricsAreServedOnlyOnTheManagementPort() {
		assertThat(this.anonymous.get("/actuator/metrics").status()).isEqualTo(401);
		assertThat(this.support.get("/actuator/metrics").status()).isEqualTo(404);
		assertThat(this.support.get("/actuator/health").status()).isEqualTo(404);
		assertThat(management("/actuator/metrics").status()).isEqualTo(200);
		assertThat(management("/actuator/health").text("status")).isEqualTo("UP");
	}

	private String placeFor(String customerId) {
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(customerId));
		assertThat(placed.status()).isEqualTo(201);
		return placed.text("orderNo");
	}

	private static JwtClaimsSet.Builder claims(String subject) {
		return TestTokens.claims(subject, Scopes.READ);
	}

	private static List<String> orderNos(Response list) {
		assertThat(list.status()).isEqualTo(200);
		return list.body().path("items").valueStream().map((order) -> order.path("orderNo").asString()).toList();
	}

	private static void assertUnauthorized(Response response) {
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
	}

	private static void assertForbidden(Response response) {
		assertThat(response.status()).isEqualTo(403);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
	}

	private static void assertNotFound(Response response) {
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text("title")).isEqualTo("Order not found");
	}

}
