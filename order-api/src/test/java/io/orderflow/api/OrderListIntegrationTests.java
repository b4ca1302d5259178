package io.orderflow.api;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class OrderListIntegrationTests extends OrderApiIntegrationTest {

	static Stream<Arguments> invalidQueries() {
		return Stream.of(arguments("customerId", ""), arguments("customerId", "customerId="),
				arguments("customerId", "customerId=" + "c".repeat(65)), arguments("limit", "customerId=c-1&limit=0"),
				arguments("limit", "customerId=c-1&limit=101"), arguments("limit", "customerId=c-1&limit=ten"),
				arguments("status", "customerId=c-1&status=BOGUS"), arguments("status", "customerId=c-1&status=paid"),
				arguments("cursor", "customerId=c-1&cursor=garbage"), arguments("cursor", "customerId=c-1&cursor=%25"),
				arguments("cursor", "customerId=c-1&cursor="),
				arguments("cursor", "customerId=c-1&cursor=" + base64("yesterday|01ARZ3NDEKTSV4RRFFQ69G5FAV")),
				arguments("cursor", "customerId=c-1&cursor=" + base64("2025-01-01T00:00:00Z")));
	}

	@Test
	void listsACustomersOrdersNewestFirstWithTheirLines() {
		String customer = newCustomer();
		List<Response> placed = placeOrders(customer, 5);
		place(newCustomer());

		Response listed = list("customerId=" + customer);

		assertThat(listed.status()).isEqualTo(200);
		assertThat(orderNos(listed)).isEqualTo(newestFirst(placed));
		assertThat(listed.body().path("nextCursor").isNull()).isTrue();
		assertThat(listed.body().path("items").get(0))
			.isEqualTo(this.support.get("/api/orders/" + orderNos(listed).get(0)).body());
		assertThat(listed.body().path("items").get(4).path("items").get(0).path("lineTotal").asString())
			.isEqualTo("39.80");
	}

	@Test
	void listsEveryOrderAsItReadsOnItsOwn() {
		String customer = newCustomer();
		List<String> orderNos = placeOrders(customer, 3).stream().map((placed) -> placed.text("orderNo")).toList();
		this.support.post("/api/orders/" + orderNos.get(0) + "/cancellation", "");
		this.jdbc.sql("""
				UPDATE orders
				SET status = 'SHIPPED',
				    paid_at = created_at,
				    carrier = 'ACME',
				    tracking_no = 'T-1',
				    shipped_at = created_at,
				    auto_complete_at = created_at + interval '7 days'
				WHERE order_no = :orderNo""").param("orderNo", orderNos.get(1)).update();

		Response listed = list("customerId=" + customer);

		assertThat(listed.body().path("items").valueStream()).containsExactlyInAnyOrderElementsOf(
				orderNos.stream().map((orderNo) -> this.support.get("/api/orders/" + orderNo).body()).toList());
	}

	@Test
	void pagesWalkEveryOrderOnceAndTheLastHasNoCursor() {
		String customer = newCustomer();
		List<Response> placed = placeOrders(customer, 5);

		List<List<String>> pages = walk("customerId=" + customer, 2);

		assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
		assertThat(pages.stream().flatMap(List::stream)).containsExactlyElementsOf(newestFirst(placed));
	}

	@Test
	void ordersPlacedAtTheSameInstantArePagedByOrderNumber() {
		String customer = newCustomer();
		List<String> orderNos = placeOrders(customer, 5).stream().map((placed) -> placed.text("orderNo")).toList();
		this.jdbc.sql("""
				UPDATE orders
				SET created_at = (SELECT min(created_at) FROM orders WHERE customer_id = :customerId)
				WHERE customer_id = :customerId""").param("customerId", customer).update();

		List<List<String>> pages = walk("customerId=" + customer, 2);

		assertThat(pages.stream().flatMap(List::stream))
			.containsExactlyElementsOf(orderNos.stream().sorted(Comparator.reverseOrder()).toList());
	}

	@Test
	void filtersByStatus() {
		String customer = newCustomer();
		List<String> orderNos = placeOrders(customer, 5).stream().map((placed) -> placed.text("orderNo")).toList();
		String cancelled = orderNos.get(2);
		assertThat(this.support.post("/api/orders/" + cancelled + "/cancellation", "").status()).isEqualTo(200);

		Response listed = list("customerId=" + customer + "&status=CANCELLED");

		assertThat(orderNos(listed)).containsExactly(cancelled);
		assertThat(listed.body().path("items").get(0).path("cancelReason").asString()).isEqualTo("CUSTOMER_REQUEST");
		assertThat(orderNos(list("customerId=" + customer + "&status=PENDING_PAYMENT"))).hasSize(4)
			.doesNotContain(cancelled);
		assertThat(orderNos(list("customerId=" + customer + "&status=PAID"))).isEmpty();
	}

	@Test
	void neverListsAnotherCustomersOrders() {
		String customer = newCustomer();
		String other = newCustomer();
		List<Response> placed = placeOrders(customer, 3);
		String othersOrder = place(other).text("orderNo");

		assertThat(walk("customerId=" + customer, 1).stream().flatMap(List::stream))
			.containsExactlyElementsOf(newestFirst(placed));
		assertThat(orderNos(list("customerId=" + other))).containsExactly(othersOrder);
		assertThat(orderNos(list("customerId=" + newCustomer()))).isEmpty();
	}

	@Test
	void anOrderPastItsPaymentDeadlineIsNeverListedAsPayable() {
		String customer = newCustomer();
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer).replace("PT30M", "PT1S"));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Instant.now().isAfter(Instant.parse(placed.text("paymentDeadline"))));

		assertThat(orderNos(list("customerId=" + customer + "&status=PENDING_PAYMENT"))).isEmpty();
		Response listed = list("customerId=" + customer);
		assertThat(listed.body().path("items").get(0).path("status").asString()).isEqualTo("CANCELLED");
		assertThat(listed.body().path("items").get(0).path("cancelReason").asString()).isEqualTo("PAYMENT_TIMEOUT");
	}

	@Test
	void acceptsLimitsAtTheBoundaries() {
		String customer = newCustomer();
		placeOrders(customer, 2);

		assertThat(orderNos(list("customerId=" + customer + "&limit=1"))).hasSize(1);
		assertThat(orderNos(list("customerId=" + customer + "&limit=100"))).hasSize(2);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("invalidQueries")
	void refusesAnInvalidParameterWithAProblemNamingIt(String field, String query) {
		Response response = list(query);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.text("title")).isEqualTo("Invalid request");
		assertThat(response.body().path("errors").valueStream().map((error) -> error.path("field").asString()))
			.containsExactly(field);
	}

	private Response list(String query) {
		return this.support.get("/api/orders?" + query);
	}

	private Response place(String customer) {
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(customer));
		assertThat(placed.status()).isEqualTo(201);
		return placed;
	}

	private List<Response> placeOrders(String customer, int count) {
		return IntStream.range(0, count).mapToObj((i) -> place(customer)).toList();
	}

	/** The pages of the query, following nextCursor until it is null. */
	private List<List<String>> walk(String query, int limit) {
		List<List<String>> pages = new ArrayList<>();
		String cursor = null;
		do {
			Response page = list(query + "&limit=" + limit + ((cursor != null) ? "&cursor=" + cursor : ""));
			assertThat(page.status()).isEqualTo(200);
			pages.add(orderNos(page));
			cursor = page.body().path("nextCursor").isNull() ? null : page.text("nextCursor");
		}
		while (cursor != null && pages.size() < 100);
		return pages;
	}

	private static String base64(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
	}

	private static List<String> orderNos(Response response) {
		return response.body().path("items").valueStream().map((item) -> item.path("orderNo").asString()).toList();
	}

	private static List<String> newestFirst(List<Response> placed) {
		return placed.stream()
			.sorted(Comparator.comparing((Response order) -> Instant.parse(order.text("createdAt")))
				.thenComparing((order) -> order.text("orderNo"))
				.reversed())
			.map((order) -> order.text("orderNo"))
			.toList();
	}

}
