package io.orderflow.timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;

import io.orderflow.order.Order;

/**
 * Queries {@code GET <url>?orderNo=...}, expecting {@code {"status": "PAID" | "UNPAID",
 * "transactionId", "amount", "currency", "paidAt"}}. Each query is bounded by the
 * timeout, and retried a bounded number of times; then the answer is
 * {@link Answer.Unknown} and the order is cancelled (a late payment is refunded).
 */
class HttpPaymentStatusCheck implements PaymentStatusCheck {

	private static final Logger log = LoggerFactory.getLogger(HttpPaymentStatusCheck.class);

	private final RestClient http;

	private final URI url;

	private final RetryTemplate retry;

	HttpPaymentStatusCheck(TimeoutProperties.PaymentStatusCheck properties) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(properties.timeout()).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(client);
		requestFactory.setReadTimeout(properties.timeout());
		this.http = RestClient.builder().requestFactory(requestFactory).build();
		this.url = Objects.requireNonNull(properties.url(), "order.timeout.payment-status-check.url");
		this.retry = new RetryTemplate(
				RetryPolicy.builder().maxRetries(properties.maxAttempts() - 1).delay(properties.backoff()).build());
	}

	@Override
	public Answer check(Order order) {
		URI query = UriComponentsBuilder.fromUri(this.url).queryParam("orderNo", order.orderNo()).build().toUri();
		try {
			StatusResponse response = this.retry
				.execute(() -> this.http.get().uri(query).retrieve().body(StatusResponse.class));
			return answer(response);
		}
		catch (RetryException ex) {
			log.warn("Payment status of order {} unknown, cancelling anyway: {}", order.orderNo(),
					ex.getCause().toString());
			return new Answer.Unknown(String.valueOf(ex.getCause()));
		}
	}

	private static Answer answer(@Nullable StatusResponse response) {
		if (response == null || response.status() == null) {
			return new Answer.Unknown("empty answer");
		}
		if ("PAID".equals(response.status()) && response.transactionId() != null && response.amount() != null
				&& response.currency() != null) {
			return new Answer.Paid(response.transactionId(), response.amount(),
					Currency.getInstance(response.currency()),
					(response.paidAt() != null) ? response.paidAt() : Instant.now());
		}
		if ("UNPAID".equals(response.status())) {
			return new Answer.NotPaid();
		}
		return new Answer.Unknown("unexpected answer " + response);
	}

	record StatusResponse(@Nullable String status, @Nullable String transactionId, @Nullable BigDecimal amount,
			@Nullable String currency, @Nullable Instant paidAt) {
	}

}
