package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * What the payment gateway tells us about a payment (a callback, or the answer to a
 * status query).
 *
 * @param eventId the gateway's id of this notification; a repeated one changes nothing
 * @param transactionId the gateway's id of the money movement; applied once, whatever
 * notifications carry it
 */
public record PaymentNotification(String eventId, Type type, String orderNo, String transactionId, BigDecimal amount,
		Currency currency, Instant occurredAt) {

	public enum Type {

		SUCCEEDED("payment.succeeded"), FAILED("payment.failed");

		private final String wireName;

		Type(String wireName) {
			this.wireName = wireName;
		}

		public String wireName() {
			return this.wireName;
		}

	}

}
