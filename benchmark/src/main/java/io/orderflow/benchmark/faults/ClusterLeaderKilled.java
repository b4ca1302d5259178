package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scenario 4: the service on a three-node cluster, every queue a quorum queue on all
 * three nodes ({@code order.messaging.quorum-initial-group-size=3}), the apps given all
 * three addresses. While a storm of timers waits in the delay levels, the node leading
 * the queues that hold most messages is killed with SIGKILL, and started again 20 s
 * later.
 */
final class ClusterLeaderKilled extends Scenario {

	ClusterLeaderKilled() {
		super("cluster-leader-killed",
				"3-node RabbitMQ cluster: the leader of the busiest queues killed (-9) during a storm, then restarted",
				"The quorum queues elect new leaders on the surviving nodes and keep every confirmed timer; the apps "
						+ "reconnect to another node of spring.rabbitmq.addresses; every timer fires, none lost.");
	}

	@Override
	String sizes(FaultSettings settings) {
		return "nodes r1-r3 on 5701-5703; 1 order-api + 1 consumer; a storm of " + settings.orders()
				+ " orders due at one instant; the leader killed 8 s before it, restarted 20 s after the kill (or once the storm was applied)";
	}

	@Override
	boolean onCluster() {
		return true;
	}

	@Override
	Map<String, String> settings() {
		return Map.of("ORDER_MESSAGING_QUORUMINITIALGROUPSIZE", "3");
	}

	@Override
	Ledger run(Stage stage, FaultSettings settings, Timeline timeline) throws Exception {
		Storm storm = Storm.place(stage, 1, 1, settings.orders(), settings, timeline);
		LedgerCheck check = storm.check();
		Instant deadline = storm.deadline();
		Timeline.sleepUntil(deadline.minusSeconds(8));
		Map<String, Long> messagesLed = new TreeMap<>();
		Map<String, Long> queuesLed = new TreeMap<>();
		BrokerCluster.leaders(stage.brokers()).forEach((queue, leader) -> {
			if (queue.startsWith("faults." + id() + ".")) {
				messagesLed.merge(leader[0], Long.parseLong(leader[1]), Long::sum);
				queuesLed.merge(leader[0], 1L, Long::sum);
			}
		});
		String busiest = messagesLed.entrySet()
			.stream()
			.max(Map.Entry.comparingByValue())
			.map(Map.Entry::getKey)
			.orElseThrow(() -> new IllegalStateException("no queue of the scenario found"));
		timeline.note("queues led per node " + queuesLed + ", messages in them " + messagesLed);
		BrokerNode victim = stage.brokers()
			.stream()
			.filter((node) -> node.name().equals(busiest))
			.findFirst()
			.orElseThrow();
		victim.kill();
		long killed = System.nanoTime();
		timeline.note("killed " + busiest + " (SIGKILL)");
		Duration settled = ConsumerKilled.settleStorm(check, killed, deadline, settings.grace());
		timeline.note("every order of the storm settled " + settled.toMillis() + " ms after the kill");
		Thread.sleep(Math.max(20_000 - Timeline.since(killed).toMillis(), 0));
		long restarting = System.nanoTime();
		victim.start();
		timeline.note(busiest + " running again " + Timeline.since(killed).toSeconds()
				+ " s after the kill (its start took " + Timeline.since(restarting).toMillis() + " ms)");
		check.settle(deadline, settings.grace());
		Map<String, Long> after = new TreeMap<>();
		BrokerCluster.leaders(stage.brokers()).forEach((queue, leader) -> {
			if (queue.startsWith("faults." + id() + ".")) {
				after.merge(leader[0], 1L, Long::sum);
			}
		});
		timeline.note("queues led per node at the end " + after);
		return check.ledger(storm.checkout().acknowledged(),
				new Ledger.Recovery(settled,
						"kill (8 s before the deadline) until no order of the storm awaited payment"),
				storm.checkout().answers(), List.of(), timeline.entries());
	}

}
