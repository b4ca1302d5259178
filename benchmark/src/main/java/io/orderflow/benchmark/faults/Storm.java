package io.orderflow.benchmark.faults;

import java.time.Instant;
import java.util.List;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * A storm placed on a stage: the apps started for it (order-api instances first), the
 * checkout that placed it, the check of its outcome, and the instant all its orders fall
 * due.
 */
record Storm(List<ServiceApp> apps, Checkout checkout, LedgerCheck check, Instant deadline) {

	/**
	 * Starts {@code apis} order-api and {@code consumers} consumer instances and places a
	 * storm of {@code orders} orders through the order-api instances.
	 */
	static Storm place(Stage stage, int apis, int consumers, int orders, FaultSettings settings, Timeline timeline)
			throws Exception {
		List<ServiceApp> apps = stage.start(apis, consumers, timeline);
		Checkout checkout = stage.checkout(apps, apis);
		LedgerCheck check = stage.check();
		return new Storm(apps, checkout, check, checkout.placeStorm(orders, settings.clients(), timeline));
	}

}
