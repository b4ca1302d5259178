package io.orderflow.timeout.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import io.orderflow.architecture.ArchitectureRules;

/**
 * The consumer with order-core, held to order-core's rules (shown to fail in order-core's
 * {@code ArchitectureTests}): AMQP only in messaging and in the consumer's listeners, no
 * cycles between packages.
 */
class ConsumerArchitectureTests {

	private static final JavaClasses APP = ArchitectureRules.productionClasses();

	@Test
	void onlyMessagingAndTheListenersTouchTheBroker() {
		ArchitectureRules.onlyMessagingTouchesTheBroker("io.orderflow", "timeout").check(APP);
	}

	@Test
	void noCyclesBetweenPackages() {
		ArchitectureRules.noCyclesBetweenPackages("io.orderflow").check(APP);
	}

}
