package io.orderflow.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.orderflow.jdbc.Timestamps;

/**
 * Callbacks, payments and anomalies in PostgreSQL. Each insert that deduplicates says
 * whether it inserted: {@code false} means "seen before".
 */
@Repository
class PaymentRecords {

	private static final String CALLBACK_SEEN = """
			SELECT EXISTS (SELECT 1 FROM payment_callback WHERE event_id = :eventId)""";

	private static final String INSERT_CALLBACK = """
			INSERT INTO payment_callback (event_id, type, order_no, transaction_id, amount, currency, occurred_at, received_at)
			VALUES (:eventId, :type, :orderNo, :transactionId, :amount, :currency, :occurredAt, :receivedAt)
			ON CONFLICT (event_id) DO NOTHING""";

	private static final String INSERT_PAYMENT = """
			INSERT INTO payment (transaction_id, order_no, amount, currency, event_id, received_at)
			VALUES (:transactionId, :orderNo, :amount, :currency, :eventId, :receivedAt)
			ON CONFLICT (transaction_id) DO NOTHING""";

	private static final String SET_PAYMENT_OUTCOME = """
			UPDATE payment
			SET outcome = :outcome
			WHERE transaction_id = :transactionId""";

	private static final String UPSERT_ANOMALY = """
			INSERT INTO payment_anomaly (event_id, kind, order_no, transaction_id, detail, payload, first_seen_at, last_seen_at)
			VALUES (:eventId, :kind, :orderNo, :transactionId, :detail, :payload, :now, :now)
			ON CONFLICT (event_id) DO UPDATE
			SET occurrences = payment_anomaly.occurrences + 1,
			    last_seen_at = excluded.last_seen_at""";

	private static final String PAYMENT_OF_ORDER = """
			SELECT transaction_id, amount, currency
			FROM payment
			WHERE order_no = :orderNo
			  AND outcome = 'PAID_ORDER'""";

	private final JdbcClient jdbc;

	PaymentRecords(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isCallbackSeen(String eventId) {
		return this.jdbc.sql(CALLBACK_SEEN).param("eventId", eventId).query(Boolean.class).single();
	}

	boolean recordCallback(PaymentNotification notification, Instant now) {
		return this.jdbc.sql(INSERT_CALLBACK)
			.param("eventId", notification.eventId())
			.param("type", notification.type().wireName())
			.param("orderNo", notification.orderNo())
			.param("transactionId", notification.transactionId())
			.param("amount", notification.amount())
			.param("currency", notification.currency().getCurrencyCode())
			.param("occurredAt", Timestamps.utc(notification.occurredAt()))
			.param("receivedAt", Timestamps.utc(now))
			.update() == 1;
	}

	boolean recordPayment(PaymentNotification notification, Instant now) {
		return this.jdbc.sql(INSERT_PAYMENT)
			.param("transactionId", notification.transactionId())
			.param("orderNo", notification.orderNo())
			.param("amount", notification.amount())
			.param("currency", notification.currency().getCurrencyCode())
			.param("eventId", notification.eventId())
			.param("receivedAt", Timestamps.utc(now))
			.update() == 1;
	}

	/** The transaction that paid the order, if one did. */
	Optional<Payment> paymentOf(String orderNo) {
		return this.jdbc.sql(PAYMENT_OF_ORDER)
			.param("orderNo", orderNo)
			.query((rs, rowNum) -> new Payment(rs.getString("transaction_id"), rs.getBigDecimal("amount"),
					Currency.getInstance(rs.getString("currency"))))
			.optional();
	}

	void setPaymentOutcome(String transactionId, String outcome) {
		this.jdbc.sql(SET_PAYMENT_OUTCOME).param("transactionId", transactionId).param("outcome", outcome).update();
	}

	void recordAnomaly(PaymentNotification notification, PaymentOutcome.Anomaly kind, String detail, String payload,
			Instant now) {
		this.jdbc.sql(UPSERT_ANOMALY)
			.param("eventId", notification.eventId())
			.param("kind", kind.name())
			.param("orderNo", notification.orderNo())
			.param("transactionId", notification.transactionId())
			.param("detail", detail)
			.param("payload", payload)
			.param("now", Timestamps.utc(now))
			.update();
	}

	record Payment(String transactionId, BigDecimal amount, Currency currency) {
	}

}
