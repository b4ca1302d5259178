package io.orderflow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When customers are reminded of an order they have not paid yet.
 *
 * @param beforeDeadline how long before the payment deadline
 * {@code order.payment-reminder} is published; {@code 0} sends none. An order whose
 * payment timeout is shorter than twice this gets no reminder.
 */
@ConfigurationProperties("order.payment-reminder")
public record PaymentReminderProperties(@DefaultValue("5m") Duration beforeDeadline) {

	public PaymentReminderProperties {
		if (beforeDeadline.isNegative()) {
			throw new IllegalArgumentException(
					"order.payment-reminder.before-deadline must not be negative, was " + beforeDeadline);
		}
	}

}
