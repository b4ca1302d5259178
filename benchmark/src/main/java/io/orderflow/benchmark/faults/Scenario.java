package io.orderflow.benchmark.faults;

/**
 * One fault and the load around it: sets up its apps on the stage, drives orders, injects
 * the fault, and answers the ledger.
 */
interface Scenario {

	/** Short name, used on the command line and as the database and prefix name. */
	String id();

	/** What happens, in one line. */
	String title();

	/** What the service promises under this fault. */
	String promise();

	/** The sizes this run used, in words (for the report). */
	String sizes(FaultSettings settings);

	/** Whether it needs the three-node cluster rather than the single node. */
	default boolean onCluster() {
		return false;
	}

	/** Settings of the apps for this scenario, as environment variables. */
	default java.util.Map<String, String> settings() {
		return java.util.Map.of();
	}

	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception;

}
