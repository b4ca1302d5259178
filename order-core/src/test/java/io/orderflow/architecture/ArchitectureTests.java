package io.orderflow.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shape of order-core, checked; each rule is also shown to fail on fixtures that
 * break it ({@code io.orderflow.architecture.fixture}).
 */
class ArchitectureTests {

	private static final JavaClasses CORE = ArchitectureRules.productionClasses();

	private static final String FIXTURE = "io.orderflow.architecture.fixture";

	private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

	@Test
	void onlyMessagingTouchesTheBroker() {
		ArchitectureRules.onlyMessagingTouchesTheBroker("io.orderflow").check(CORE);
	}

	@Test
	void orderValuesAreFreeOfSpring() {
		ArchitectureRules.orderValuesAreFreeOfSpring("io.orderflow").check(CORE);
	}

	@Test
	void noCyclesBetweenPackages() {
		ArchitectureRules.noCyclesBetweenPackages("io.orderflow").check(CORE);
	}

	@Test
	void eachRuleFailsOnCodeThatBreaksIt() {
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ArchitectureRules.onlyMessagingTouchesTheBroker(FIXTURE).check(BROKEN))
			.withMessageContaining("RabbitTalkingService");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ArchitectureRules.orderValuesAreFreeOfSpring(FIXTURE).check(BROKEN))
			.withMessageContaining("SpringBoundValue");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> ArchitectureRules.noCyclesBetweenPackages(FIXTURE).check(BROKEN))
			.withMessageContaining("Cycle");
	}

}
