package io.orderflow.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The rules the code's shape follows, for the classes under a root package: the service's
 * own ({@code io.orderflow}) and, in their tests, fixtures that break them.
 */
public final class ArchitectureRules {

	private ArchitectureRules() {
	}

	/**
	 * The service's production classes on the classpath: this module's and those of the
	 * modules it depends on, without any test code (from directories or test jars).
	 */
	public static JavaClasses productionClasses() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption((location) -> !location.contains("-tests.jar"))
			.importPackages("io.orderflow");
	}

	/**
	 * The broker is the {@code messaging} package's business (and the consumer's
	 * listeners'): everything else talks to it through interfaces such as the outbox's
	 * publisher.
	 */
	public static ArchRule onlyMessagingTouchesTheBroker(String root, String... listenerPackages) {
		String[] allowed = new String[listenerPackages.length + 1];
		allowed[0] = root + ".messaging..";
		for (int i = 0; i < listenerPackages.length; i++) {
			allowed[i + 1] = root + "." + listenerPackages[i] + "..";
		}
		return noClasses().that()
			.resideInAPackage(root + "..")
			.and()
			.resideOutsideOfPackages(allowed)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.amqp..", "com.rabbitmq..")
			.because("only messaging and the listeners speak AMQP");
	}

	/** The order's values (records and enums) are plain Java, free of Spring. */
	public static ArchRule orderValuesAreFreeOfSpring(String root) {
		DescribedPredicate<JavaClass> values = DescribedPredicate.describe("are records or enums",
				(type) -> type.isRecord() || type.isEnum());
		return classes().that()
			.resideInAPackage(root + ".order")
			.and(values)
			.should()
			.onlyDependOnClassesThat()
			.resideOutsideOfPackage("org.springframework..")
			.because("values of the domain do not depend on the framework");
	}

	/** Top-level packages are features; none of them depends on itself through others. */
	public static ArchRule noCyclesBetweenPackages(String root) {
		return slices().matching(root + ".(*)..").should().beFreeOfCycles();
	}

}
