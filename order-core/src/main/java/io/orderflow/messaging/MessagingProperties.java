package io.orderflow.messaging;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broker settings of the order service.
 *
 * @param topologyPrefix prepended verbatim to every exchange and queue name, so that
 * several environments or test runs can share one broker (e.g. {@code staging.} gives
 * {@code staging.order.events}); empty by default
 * @param timerLead how much earlier than it is due a timer reaches its consumer at least
 * (at most one second more), which then holds it until it is due: covers the time between
 * computing a timer's delay and the broker enqueueing it, which grows when the broker is
 * busy
 * @param quorumInitialGroupSize on how many cluster nodes each quorum queue is created
 * ({@code x-quorum-initial-group-size}); unset by default, which leaves it to the broker
 * (every node of the cluster on RabbitMQ 3.10). Set it to 3 or 5 on a larger cluster.
 * Like every queue argument it applies to queues that do not exist yet: RabbitMQ refuses
 * to redeclare a queue with another value
 */
@ConfigurationProperties("order.messaging")
public record MessagingProperties(@DefaultValue("") String topologyPrefix, @DefaultValue("1s") Duration timerLead,
		@Nullable Integer quorumInitialGroupSize) {

	public MessagingProperties {
		if (!topologyPrefix.matches("[A-Za-z0-9._-]*")) {
			throw new IllegalArgumentException(
					"order.messaging.topology-prefix may hold letters, digits, '.', '_' and '-' only, was '"
							+ topologyPrefix + "'");
		}
		if (timerLead.isNegative()) {
			throw new IllegalArgumentException("order.messaging.timer-lead must not be negative, was " + timerLead);
		}
		if (quorumInitialGroupSize != null && quorumInitialGroupSize < 1) {
			throw new IllegalArgumentException(
					"order.messaging.quorum-initial-group-size must be at least 1, was " + quorumInitialGroupSize);
		}
	}

}
