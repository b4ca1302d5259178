package io.orderflow.benchmark.faults;

import java.util.Map;

/**
 * One fault and the load around it: sets up its apps on the stage, drives orders, injects
 * the fault, and answers the ledger.
 */
abstract class Scenario {

	private final String id;

	private final String title;

	private final String promise;

	/**
	 * @param id short name, used on the command line and as the database and prefix name
	 * @param title what happens, in one line
	 * @param promise what the service promises under this fault
	 */
	Scenario(String id, String title, String promise) {
		this.id = id;
		this.title = title;
		this.promise = promise;
	}

	final String id() {
		return this.id;
	}

	final String title() {
		return this.title;
	}

	final String promise() {
		return this.promise;
	}

	/** The sizes this run used, in words (for the report). */
	abstract String sizes(FaultSettings settings);

	/** Whether it needs the three-node cluster rather than the single node. */
	boolean onCluster() {
		return false;
	}

	/** Settings of the apps for this scenario, as environment variables. */
	Map<String, String> settings() {
		return Map.of();
	}

	abstract Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception;

}
