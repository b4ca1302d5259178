package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * RabbitMQ nodes of the suite's own, joined into one cluster when there are several (the
 * first node is the one the others join). Stopped, only these nodes, by {@link #close()}
 * and at JVM exit.
 */
final class BrokerCluster implements AutoCloseable {

	private final List<BrokerNode> nodes;

	private BrokerCluster(List<BrokerNode> nodes) {
		this.nodes = nodes;
	}

	/**
	 * Starts nodes {@code prefix1@localhost, prefix2@localhost ...} on AMQP ports
	 * {@code firstPort, firstPort + 1 ...} (distribution ports 20000 higher), all at
	 * once, and joins them.
	 */
	static BrokerCluster start(Path home, String prefix, int size, int firstPort, @Nullable Path advancedConfig)
			throws Exception {
		List<BrokerNode> nodes = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			nodes.add(BrokerNode.create(home, prefix + (i + 1), firstPort + i, firstPort + 20000 + i, advancedConfig));
		}
		BrokerCluster cluster = new BrokerCluster(nodes);
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-broker-nodes"));
		List<Thread> starting = new ArrayList<>();
		Map<String, Throwable> failures = new HashMap<>();
		for (BrokerNode node : nodes) {
			Thread thread = new Thread(() -> {
				try {
					node.start();
				}
				catch (IOException | RuntimeException ex) {
					synchronized (failures) {
						failures.put(node.name(), ex);
					}
				}
			}, "start-" + node.name());
			thread.start();
			starting.add(thread);
		}
		for (Thread thread : starting) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			cluster.close();
			throw new IllegalStateException("RabbitMQ nodes did not start: " + failures);
		}
		BrokerNode first = nodes.get(0);
		for (BrokerNode node : nodes.subList(1, size)) {
			node.ctl("stop_app");
			node.ctl("join_cluster", first.name());
			node.ctl("start_app");
		}
		first.ctl("enable_feature_flag", "all");
		return cluster;
	}

	List<BrokerNode> nodes() {
		return this.nodes;
	}

	BrokerNode node(String name) {
		return this.nodes.stream()
			.filter((node) -> node.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no node " + name));
	}

	/** {@code spring.rabbitmq.addresses} naming every node. */
	String addresses() {
		return this.nodes.stream().map(BrokerNode::address).collect(Collectors.joining(","));
	}

	/**
	 * Each queue's leader and its messages ({@code leader messages}), as a running node
	 * of {@code nodes} reports it.
	 */
	static Map<String, String[]> leaders(List<BrokerNode> nodes) {
		BrokerNode running = nodes.stream()
			.filter(BrokerNode::isRunning)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no node runs"));
		Map<String, String[]> leaders = new HashMap<>();
		for (String line : running.ctl("-q", "list_queues", "name", "leader", "messages").split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 3 && fields[1].contains("@")) {
				leaders.put(fields[0], new String[] { fields[1], fields[2] });
			}
		}
		return leaders;
	}

	@Override
	public void close() {
		for (BrokerNode node : this.nodes) {
			try {
				node.stop();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
