package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.orderflow.benchmark.infra.ServiceApp;

/**
 * Stands in for the payment gateway: reports payments ({@code payment.succeeded},
 * {@code payment.failed}) to {@code POST /api/payments/callbacks}, signed with the
 * development secret that order-api accepts under the {@code dev} profile, and counts the
 * answers by status and outcome.
 */
final class Gateway {

	/**
	 * order-api's development callback secret ({@code order.payment.callback-secret}).
	 */
	private static final String DEV_SECRET = "dev-only-callback-secret-never-use-in-production";

	private static final String BODY = """
			{"eventId":"%1$s","type":"%2$s","orderNo":"%3$s","transactionId":"%4$s",\
			"amount":"44.80","currency":"CNY","occurredAt":"%5$s"}""";

	private static final Pattern OUTCOME = Pattern.compile("\"outcome\"\\s*:\\s*\"([A-Z_]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

	/** Reports {@code orderNo} (placed by {@link Checkout}, 44.80 CNY) paid now. */
	void pay(ServiceApp api, String orderNo) throws InterruptedException {
		report(api, new Callback("evt-" + orderNo, "payment.succeeded", orderNo, "txn-" + orderNo));
	}

	/**
	 * Sends {@code callback} (for 44.80 CNY, occurred now) to {@code api}.
	 * @return the answer's kind, e.g. {@code 200 PAID}
	 */
	String report(ServiceApp api, Callback callback) throws InterruptedException {
		String body = BODY.formatted(callback.eventId(), callback.type(), callback.orderNo(), callback.transactionId(),
				Instant.now());
		long timestamp = Instant.now().getEpochSecond();
		HttpRequest request = HttpRequest.newBuilder(api.uri("/api/payments/callbacks"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Payment-Signature", "t=" + timestamp + ",v1=" + sign(timestamp + "." + body))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		String kind;
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			Matcher outcome = OUTCOME.matcher(response.body());
			kind = response.statusCode() + (outcome.find() ? " " + outcome.group(1) : "");
		}
		catch (IOException ex) {
			kind = "no answer (" + ex.getClass().getSimpleName() + ")";
		}
		this.answers.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
		return kind;
	}

	/** Answers to the callbacks by status and outcome, e.g. {@code 200 PAID}. */
	Map<String, Long> answers() {
		Map<String, Long> counts = new TreeMap<>();
		this.answers.forEach((kind, count) -> counts.put(kind, count.get()));
		return counts;
	}

	/**
	 * One gateway event: the gateway sends it again, with the same event id, when it got
	 * no answer it trusts.
	 *
	 * @param type {@code payment.succeeded} or {@code payment.failed}
	 */
	record Callback(String eventId, String type, String orderNo, String transactionId) {
	}

	private static String sign(String content) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(DEV_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JVM", ex);
		}
	}

}
