package io.orderflow.timeout;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may answer for inventory.
 *
 * @param brokerUser the RabbitMQ user the inventory service publishes as. An answer is
 * accepted only when its AMQP {@code user_id} names this user: RabbitMQ refuses a
 * {@code user_id} other than the publishing connection's own user, so no other service
 * can pass for inventory. Any other answer is parked.
 */
@ConfigurationProperties("order.inventory")
public record InventoryProperties(@DefaultValue("inventory") String brokerUser) {

	public InventoryProperties {
		if (brokerUser.isBlank()) {
			throw new IllegalArgumentException("order.inventory.broker-user must name the inventory service's user");
		}
	}

}
