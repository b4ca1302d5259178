package io.orderflow.messaging;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.core.Queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TopologyConfigurationUnitTests {

	private static final String GROUP_SIZE = "x-quorum-initial-group-size";

	@Test
	void leavesTheQuorumGroupSizeToTheBrokerByDefault() {
		List<Queue> queues = queues(null);

		assertThat(queues).isNotEmpty()
			.allSatisfy((queue) -> assertThat(queue.getArguments()).doesNotContainKey(GROUP_SIZE));
	}

	@Test
	void createsEveryQuorumQueueOnTheConfiguredNumberOfNodes() {
		List<Queue> queues = queues(3);

		assertThat(queues).hasSize(new Topology("").queues().size())
			.allSatisfy((queue) -> assertThat(queue.getArguments()).containsEntry(GROUP_SIZE, 3)
				.containsEntry("x-queue-type", "quorum"));
	}

	@Test
	void refusesAGroupOfNoNodes() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(0))
			.withMessageContaining("order.messaging.quorum-initial-group-size");
	}

	private static List<Queue> queues(Integer groupSize) {
		return new TopologyConfiguration().orderTopology(new Topology(""), properties(groupSize))
			.getDeclarablesByType(Queue.class);
	}

	private static MessagingProperties properties(Integer groupSize) {
		return new MessagingProperties("", Duration.ofSeconds(1), groupSize);
	}

}
