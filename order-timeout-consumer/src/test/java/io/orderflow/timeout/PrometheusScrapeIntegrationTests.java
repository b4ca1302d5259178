package io.orderflow.timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

import io.orderflow.inventory.InventoryAnswers;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.testsupport.MonitoredSeries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The consumer's {@code /actuator/prometheus} text, as its endpoint writes it for
 * Prometheus, against the alert rules and the dashboard in {@code docs/operations}.
 */
class PrometheusScrapeIntegrationTests extends TimeoutConsumerIntegrationTest {

	private static final String LATENESS_COUNT = "order_timer_lateness_seconds_count{application=\"order-timeout-consumer\",timer=\"payment-timeout\"}";

	@Autowired
	PrometheusScrapeEndpoint prometheus;

	@Autowired
	InventoryAnswers inventoryAnswers;

	@Test
	void exposesEverySeriesTheAlertRulesAndTheDashboardReadOfTheConsumer() {
		// the refund counter appears with its first refund
		Order paid = paidOrder(Duration.ofMinutes(30));
		this.inventoryAnswers.reservationRejected(UUID.randomUUID().toString(), paid.orderNo(), "none left",
				List.of("SKU-1"));

		assertThat(MonitoredSeries.missingFrom("order-timeout-consumer", scrape())).isEmpty();
	}

	@Test
	void measuresHowLateAPaymentTimerCancelledItsOrder() {
		double before = MonitoredSeries.value(scrape(), LATENESS_COUNT);

		Order order = placeOrder(Duration.ofSeconds(1));

		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(MonitoredSeries.value(scrape(), LATENESS_COUNT)).isGreaterThanOrEqualTo(before + 1);
	}

	@Test
	void countsTheMessagesInEachParkingLot() {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(scrape()).contains("order_parking_lot_messages{application="
					+ "\"order-timeout-consumer\",queue=\"" + this.topology.paymentTimeoutParkingLot() + "\"} "
					+ messagesIn(this.topology.paymentTimeoutParkingLot()) + ".0"));
	}

	private String scrape() {
		byte[] body = this.prometheus.scrape(PrometheusOutputFormat.CONTENT_TYPE_004, null).getBody();
		return new String(body, StandardCharsets.UTF_8);
	}

}
