package io.orderflow.timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderflow.order.Order;
import io.orderflow.order.OrderLine;
import io.orderflow.order.OrderStatus;
import io.orderflow.timeout.PaymentStatusCheck.Answer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The HTTP status check against a real local HTTP server standing in for the gateway.
 */
class HttpPaymentStatusCheckTests {

	private static final Order ORDER = new Order("01ORDER", "c-1", OrderStatus.PENDING_PAYMENT, null,
			Currency.getInstance("CNY"), new BigDecimal("39.80"),
			List.of(new OrderLine("S", 2, new BigDecimal("19.90"))), Instant.parse("2026-11-22T10:00:00Z"),
			Instant.parse("2026-11-22T10:30:00Z"), null, null);

	private HttpServer gateway;

	private final AtomicInteger requests = new AtomicInteger();

	/** Holds a hung gateway's answer until the test is over. */
	private final CountDownLatch testOver = new CountDownLatch(1);

	private volatile Responder responder;

	@BeforeEach
	void startGateway() throws IOException {
		this.gateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.gateway.createContext("/payments", (exchange) -> {
			this.requests.incrementAndGet();
			this.responder.respond(exchange);
		});
		this.gateway.setExecutor(null);
		this.gateway.start();
	}

	@AfterEach
	void stopGateway() {
		this.testOver.countDown();
		this.gateway.stop(0);
	}

	@Test
	void readsAPaymentTheGatewayTook() {
		this.responder = (exchange) -> reply(exchange, 200, """
				{"orderNo": "01ORDER", "status": "PAID", "transactionId": "txn-9", "amount": "39.80",
				 "currency": "CNY", "paidAt": "2026-11-22T10:29:00Z"}""");

		Answer answer = check(3);

		assertThat(answer).isEqualTo(new Answer.Paid("txn-9", new BigDecimal("39.80"), Currency.getInstance("CNY"),
				Instant.parse("2026-11-22T10:29:00Z")));
	}

	@Test
	void sendsTheOrderNumber() {
		this.responder = (exchange) -> reply(exchange, 200,
				exchange.getRequestURI().getQuery().equals("orderNo=01ORDER") ? "{\"status\": \"UNPAID\"}" : "{}");

		assertThat(check(1)).isEqualTo(new Answer.NotPaid());
	}

	@Test
	void retriesAFailingGatewayABoundedNumberOfTimes() {
		this.responder = (exchange) -> reply(exchange, 503, "{}");

		Answer answer = check(3);

		assertThat(answer).isInstanceOf(Answer.Unknown.class);
		assertThat(this.requests).hasValue(3);
	}

	@Test
	void aGatewayThatRecoversWithinTheAttemptsIsBelieved() {
		this.responder = (exchange) -> reply(exchange, (this.requests.get() < 2) ? 500 : 200,
				"{\"status\": \"UNPAID\"}");

		assertThat(check(3)).isEqualTo(new Answer.NotPaid());
		assertThat(this.requests).hasValue(2);
	}

	@Test
	void aGatewayThatDoesNotAnswerDoesNotBlockCancellation() {
		this.responder = (exchange) -> {
			try {
				this.testOver.await(30, TimeUnit.SECONDS); // a hung gateway
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		};

		Answer answer = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(2));

		assertThat(answer).isInstanceOf(Answer.Unknown.class);
	}

	@Test
	void anAnswerItCannotReadIsUnknown() {
		this.responder = (exchange) -> reply(exchange, 200, "{\"status\": \"MAYBE\"}");

		assertThat(check(1)).isInstanceOf(Answer.Unknown.class);
	}

	private Answer check(int maxAttempts) {
		URI url = URI.create("http://127.0.0.1:" + this.gateway.getAddress().getPort() + "/payments");
		return new HttpPaymentStatusCheck(new TimeoutProperties.PaymentStatusCheck(true, url, Duration.ofMillis(500),
				maxAttempts, Duration.ofMillis(50)))
			.check(ORDER);
	}

	private static void reply(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	interface Responder {

		void respond(HttpExchange exchange) throws IOException;

	}

}
