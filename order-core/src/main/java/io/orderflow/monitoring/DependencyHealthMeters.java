package io.orderflow.monitoring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code order.dependency.up}, tag {@code dependency} = {@code db} or {@code rabbit}: 1
 * while the health indicator of that name says UP, 0 otherwise, so that an alert can tell
 * an app that runs but cannot reach its database or broker. Boot's indicators run every
 * {@code order.monitoring.refresh-interval}, not on each scrape: a scrape never waits for
 * a connection timeout. Before the first check, and in an app without health indicators,
 * the gauges read NaN.
 */
@Component
class DependencyHealthMeters {

	private static final Logger log = LoggerFactory.getLogger(DependencyHealthMeters.class);

	private static final List<String> DEPENDENCIES = List.of("db", "rabbit");

	private final ObjectProvider<HealthContributorRegistry> registry;

	private final Map<String, Double> up = new ConcurrentHashMap<>();

	DependencyHealthMeters(ObjectProvider<HealthContributorRegistry> registry, MeterRegistry meters) {
		this.registry = registry;
		for (String dependency : DEPENDENCIES) {
			Gauge.builder("order.dependency.up", this.up, (values) -> values.getOrDefault(dependency, Double.NaN))
				.description("1 while the app reaches this dependency (its health indicator is UP), else 0")
				.tag("dependency", dependency)
				.register(meters);
		}
	}

	@Scheduled(fixedDelayString = "${order.monitoring.refresh-interval:10s}")
	void refresh() {
		HealthContributorRegistry contributors = this.registry.getIfAvailable();
		if (contributors == null) {
			return;
		}
		for (String dependency : DEPENDENCIES) {
			if (contributors.getContributor(dependency) instanceof HealthIndicator indicator) {
				this.up.put(dependency, isUp(dependency, indicator) ? 1.0 : 0.0);
			}
		}
	}

	private static boolean isUp(String dependency, HealthIndicator indicator) {
		try {
			var health = indicator.health(false);
			return health != null && Status.UP.equals(health.getStatus());
		}
		catch (RuntimeException ex) {
			log.debug("Health of {} could not be checked", dependency, ex);
			return false;
		}
	}

}
