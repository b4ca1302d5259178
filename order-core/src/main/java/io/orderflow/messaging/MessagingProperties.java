package io.orderflow.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Broker settings of the order service.
 *
 * @param topologyPrefix prepended verbatim to every exchange and queue name, so that
 * several environments or test runs can share one broker (e.g. {@code staging.} gives
 * {@code staging.order.events}); empty by default
 */
@ConfigurationProperties("order.messaging")
public record MessagingProperties(@DefaultValue("") String topologyPrefix) {

	public MessagingProperties {
		if (!topologyPrefix.matches("[A-Za-z0-9._-]*")) {
			throw new IllegalArgumentException(
					"order.messaging.topology-prefix may hold letters, digits, '.', '_' and '-' only, was '"
							+ topologyPrefix + "'");
		}
	}

}
