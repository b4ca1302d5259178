package io.orderflow.api.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import io.orderflow.architecture.ArchitectureRules;

/**
 * The API with order-core, held to order-core's rules (shown to fail in order-core's
 * {@code ArchitectureTests}): the API never speaks AMQP, its packages form no cycle.
 */
class ApiArchitectureTests {

	private static final JavaClasses APP = ArchitectureRules.productionClasses();

	@Test
	void onlyMessagingTouchesTheBroker() {
		ArchitectureRules.onlyMessagingTouchesTheBroker("io.orderflow").check(APP);
	}

	@Test
	void noCyclesBetweenPackages() {
		ArchitectureRules.noCyclesBetweenPackages("io.orderflow").check(APP);
		ArchitectureRules.noCyclesBetweenPackages("io.orderflow.api").check(APP);
	}

}
