package io.orderflow.benchmark.faults;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The suite's RabbitMQ: a single node for most scenarios, a three-node cluster for those
 * that need one; each started when first needed, and only one of them at a time (they
 * would compete for the same two cores).
 */
final class Brokers implements AutoCloseable {

	private final Path home;

	private final int singlePort;

	private final int clusterPort;

	private final @Nullable Path advancedConfig;

	private BrokerCluster single;

	private BrokerCluster cluster;

	/**
	 * @param advancedConfig the nodes' {@code advanced.config}, or {@code null} for
	 * RabbitMQ's defaults
	 */
	Brokers(Path home, int singlePort, int clusterPort, @Nullable Path advancedConfig) {
		this.advancedConfig = advancedConfig;
		this.home = home;
		this.singlePort = singlePort;
		this.clusterPort = clusterPort;
	}

	/** The single node {@code f1@localhost}. */
	List<BrokerNode> single() throws Exception {
		if (this.cluster != null) {
			this.cluster.close();
			this.cluster = null;
		}
		if (this.single == null) {
			System.out.println("faults: starting RabbitMQ node f1@localhost on " + this.singlePort);
			this.single = BrokerCluster.start(this.home, "f", 1, this.singlePort, this.advancedConfig);
		}
		return this.single.nodes();
	}

	/** The nodes {@code r1@localhost} to {@code r3@localhost}, joined. */
	List<BrokerNode> cluster() throws Exception {
		if (this.single != null) {
			this.single.close();
			this.single = null;
		}
		if (this.cluster == null) {
			System.out.println("faults: starting RabbitMQ nodes r1..r3@localhost on " + this.clusterPort + "-"
					+ (this.clusterPort + 2) + " and joining them");
			this.cluster = BrokerCluster.start(this.home, "r", 3, this.clusterPort, this.advancedConfig);
		}
		return this.cluster.nodes();
	}

	BrokerCluster runningCluster() {
		return this.cluster;
	}

	@Override
	public void close() {
		if (this.single != null) {
			this.single.close();
		}
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

}
