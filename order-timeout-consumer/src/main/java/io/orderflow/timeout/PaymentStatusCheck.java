package io.orderflow.timeout;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import io.orderflow.order.Order;

/**
 * Asks the payment gateway whether an order was paid, for when its callback was lost.
 * Must answer within a bounded time: a gateway that is down must not hold up
 * cancellation.
 */
interface PaymentStatusCheck {

	Answer check(Order order);

	sealed interface Answer {

		/** The gateway took the money. */
		record Paid(String transactionId, BigDecimal amount, Currency currency, Instant paidAt) implements Answer {
		}

		/** The gateway has no payment for the order. */
		record NotPaid() implements Answer {
		}

		/** No answer in time (down, slow, or an answer we cannot read). */
		record Unknown(String reason) implements Answer {
		}

	}

}
