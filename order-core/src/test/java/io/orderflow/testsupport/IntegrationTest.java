package io.orderflow.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: points the app under test at this run's own database and
 * topology on the real PostgreSQL and RabbitMQ (see {@link TestInfrastructure}).
 */
public abstract class IntegrationTest {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerProperties(registry);
	}

	/**
	 * The link between the apps and the database, for tests that need the database gone.
	 */
	protected static TcpProxy databaseLink() {
		return TestInfrastructure.endpoints().databaseLink();
	}

	/** The link between the apps and the broker, for tests that need the broker gone. */
	protected static TcpProxy brokerLink() {
		return TestInfrastructure.endpoints().brokerLink();
	}

}
