package io.orderflow.testsupport;

import org.junit.jupiter.api.Test;

import io.orderflow.testsupport.MonitoredSeries.Selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MonitoredSeriesUnitTests {

	@Test
	void findsTheSeriesOfAnExpressionButNotItsFunctionsLabelsOrDurations() {
		assertThat(MonitoredSeries.selectorsIn("""
				histogram_quantile(0.99, sum by (le, timer) (rate(
				  order_timer_lateness_seconds_bucket{application="order-timeout-consumer", timer!="x"}[5m]))) > 1
				or max(order_outbox_oldest_age_seconds) > 30 unless on (instance) up{job="orderflow"} == 0""", "test"))
			.containsExactly(new Selector("order_timer_lateness_seconds_bucket", "order-timeout-consumer", "test"),
					new Selector("order_outbox_oldest_age_seconds", null, "test"));
	}

	@Test
	void namesAnExpressionThatLeavesAStringOpen() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MonitoredSeries.selectorsIn("label_replace(order_up, \"x\", \"y, \"z\", \"\")", "rule X"))
			.withMessageContaining("rule X");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MonitoredSeries.selectorsIn("rate(order_timer_seconds_count[5m) > 1", "rule Y"))
			.withMessageContaining("rule Y");
	}

	@Test
	void readsTheSampleNamesOfAScrape() {
		assertThat(MonitoredSeries.exposedIn("""
				# HELP order_outbox_backlog_rows Outbox rows not yet published
				# TYPE order_outbox_backlog_rows gauge
				order_outbox_backlog_rows{application="order-api"} 0.0
				order_outbox_publishes_total{kind="EVENT",outcome="confirmed"} 3.0
				""")).containsExactly("order_outbox_backlog_rows", "order_outbox_publishes_total");
	}

	@Test
	void everyAlertRuleReadsAtLeastOneSeriesOfTheApps() {
		assertThat(MonitoredSeries.all()).extracting(Selector::metric)
			.contains("order_parking_lot_messages", "order_outbox_oldest_age_seconds", "order_sweeper_cancelled_total",
					"order_sweeper_completed_total", "order_timer_lateness_seconds_bucket", "order_dependency_up");
	}

}
