package io.orderflow.api;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentNotification;
import io.orderflow.testsupport.MonitoredSeries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API's {@code /actuator/prometheus} on its management port, as Prometheus scrapes
 * it, against the alert rules and the dashboard in {@code docs/operations}.
 */
class PrometheusScrapeIntegrationTests extends OrderApiIntegrationTest {

	@Autowired
	private PaymentCallbacks payments;

	@Test
	void exposesEverySeriesTheAlertRulesAndTheDashboardReadOfTheApi() throws Exception {
		placeCancelAndPayAnOrderAndReportAPaymentForNoOrder();

		String scrape = scrape();

		assertThat(MonitoredSeries.missingFrom("order-api", scrape)).isEmpty();
	}

	@Test
	void reportsThatTheDatabaseAndTheBrokerAreReachable() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(scrape())
				.contains("order_dependency_up{application=\"order-api\",dependency=\"db\"} 1.0")
				.contains("order_dependency_up{application=\"order-api\",dependency=\"rabbit\"} 1.0"));
	}

	@Test
	void countsTheEventsOfCommittedTransitions() throws Exception {
		double before = MonitoredSeries.value(scrape(),
				"order_events_committed_total{application=\"order-api\",type=\"order.created\"}");

		this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()));

		assertThat(MonitoredSeries.value(scrape(),
				"order_events_committed_total{application=\"order-api\",type=\"order.created\"}"))
			.isEqualTo(before + 1);
	}

	@Test
	void tagsPublishedTimersWithTheTimersNameNotWithTheirDelay() throws Exception {
		for (String timeout : new String[] { "PT30M", "PT31M", "PT47M" }) {
			this.checkout.post("/api/orders",
					VALID_ORDER.formatted(newCustomer()).replace("\"PT30M\"", "\"" + timeout + "\""));
		}

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<String> publishes = scrape().lines()
				.filter((line) -> line.startsWith("spring_rabbit_template_seconds_count{"))
				.toList();
			assertThat(publishes).anyMatch((line) -> line.contains("routing_key=\"payment-timeout\""));
			assertThat(publishes).noneMatch((line) -> line.contains("routing_key=\"L"));
		});
	}

	/** Makes the counters that only appear once they counted something appear. */
	private void placeCancelAndPayAnOrderAndReportAPaymentForNoOrder() {
		Response placed = this.checkout.post("/api/orders", VALID_ORDER.formatted(newCustomer()));
		String orderNo = placed.text("orderNo");
		this.support.post("/api/orders/" + orderNo + "/cancellation", "");
		pay(orderNo, new BigDecimal(placed.text("totalAmount")));
		pay("ORD-NO-SUCH-ORDER", BigDecimal.ONE);
	}

	private void pay(String orderNo, BigDecimal amount) {
		this.payments.apply(new PaymentNotification("evt-" + UUID.randomUUID(), PaymentNotification.Type.SUCCEEDED,
				orderNo, "txn-" + UUID.randomUUID(), amount, Currency.getInstance("CNY"), Instant.now()), "{}");
	}

	private String scrape() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.managementPort + "/actuator/prometheus"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

}
