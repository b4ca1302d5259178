package io.orderflow.benchmark.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Concurrent clients that create orders through {@code POST /api/orders}, each waiting
 * for its answer before sending the next request (a closed loop), over HTTP/1.1
 * keep-alive connections. All send the same bearer token, minted before the load starts.
 */
public final class HttpLoad {

	private static final String BODY = """
			{"customerId":"%s","currency":"CNY","items":[\
			{"sku":"SKU-1","quantity":2,"unitPrice":"19.90"},\
			{"sku":"SKU-2","quantity":1,"unitPrice":"5.00"}],\
			"paymentTimeout":"%s"}""";

	private final URI orders;

	private final String authorization;

	private final int clients;

	private final HttpClient http;

	/**
	 * @param orders the {@code /api/orders} endpoint
	 * @param token a bearer token with the scope {@code orders:place}
	 * @param clients concurrent clients
	 */
	public HttpLoad(URI orders, String token, int clients) {
		this.orders = orders;
		this.authorization = "Bearer " + token;
		this.clients = clients;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/**
	 * The body of {@code POST /api/orders}: two lines (44.80 CNY) for {@code customerId},
	 * due after {@code timeout} (to the millisecond).
	 */
	public static String orderBody(String customerId, Duration timeout) {
		return BODY.formatted(customerId, timeout.withNanos((int) (timeout.getNano() / 1_000_000 * 1_000_000)));
	}

	/**
	 * Creates orders from {@code specs} for {@code duration}.
	 */
	Result runFor(Duration duration, Supplier<OrderSpec> specs) throws InterruptedException {
		return run(duration, specs);
	}

	/** Creates one order per spec, as fast as the clients go. */
	Result runAll(List<OrderSpec> specs) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		return run(null, () -> {
			int index = next.getAndIncrement();
			return (index < specs.size()) ? specs.get(index) : null;
		});
	}

	private Result run(@Nullable Duration duration, Supplier<@Nullable OrderSpec> specs) throws InterruptedException {
		long start = System.nanoTime();
		long end = (duration != null) ? start + duration.toNanos() : Long.MAX_VALUE;
		int seconds = (duration != null) ? (int) duration.toSeconds() + 1 : 3600;
		AtomicLongArray perSecond = new AtomicLongArray(seconds);
		AtomicLong inWindow = new AtomicLong();
		AtomicLong created = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong tooLate = new AtomicLong();
		AtomicReference<String> firstError = new AtomicReference<>();
		List<long[]> latencies = new ArrayList<>();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < this.clients; i++) {
			long[][] mine = { new long[1024] };
			int[] count = { 0 };
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < end) {
					OrderSpec spec = specs.get();
					if (spec == null) {
						break;
					}
					Instant now = Instant.now();
					Duration timeout = Duration.between(now, spec.deadlineFrom(now));
					if (timeout.toMillis() < 1000) {
						// the API refuses timeouts under a second: the workload fell
						// behind
						tooLate.incrementAndGet();
						timeout = Duration.ofSeconds(1);
					}
					HttpRequest request = HttpRequest.newBuilder(this.orders)
						.timeout(Duration.ofSeconds(60))
						.header("Content-Type", "application/json")
						.header("Authorization", this.authorization)
						.POST(HttpRequest.BodyPublishers.ofString(orderBody(spec.customerId(), timeout)))
						.build();
					long sent = System.nanoTime();
					try {
						HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
						long answered = System.nanoTime();
						if (response.statusCode() == 201) {
							created.incrementAndGet();
							if (answered <= end) {
								inWindow.incrementAndGet();
								int second = (int) ((answered - start) / 1_000_000_000L);
								if (second < seconds) {
									perSecond.incrementAndGet(second);
								}
								if (count[0] == mine[0].length) {
									mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
								}
								mine[0][count[0]++] = answered - sent;
							}
						}
						else {
							errors.incrementAndGet();
							firstError.compareAndSet(null, response.statusCode() + " " + response.body());
						}
					}
					catch (IOException ex) {
						errors.incrementAndGet();
						firstError.compareAndSet(null, ex.toString());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
				}
				synchronized (latencies) {
					latencies.add(Arrays.copyOf(mine[0], count[0]));
				}
			}, "http-client-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		long finished = System.nanoTime();
		double elapsed = (Math.min(finished, end) - start) / 1e9;
		double[] millis = latencies.stream()
			.flatMapToLong(Arrays::stream)
			.mapToDouble((nanos) -> nanos / 1e6)
			.sorted()
			.toArray();
		int usedSeconds = (duration != null) ? (int) duration.toSeconds() : (int) Math.ceil(elapsed);
		long[] series = new long[Math.min(usedSeconds, seconds)];
		for (int i = 0; i < series.length; i++) {
			series[i] = perSecond.get(i);
		}
		return new Result(this.clients, elapsed, inWindow.get(), created.get(), errors.get(), tooLate.get(),
				firstError.get(), millis, series);
	}

	/**
	 * @param clients concurrent clients
	 * @param seconds length of the window
	 * @param completed orders created within the window
	 * @param created all orders created, including answers after the window closed
	 * @param errors requests that failed or were refused
	 * @param tooLate orders the load generator sent less than a second before their
	 * intended deadline
	 * @param firstError the first failure, for the log
	 * @param latencyMillis sorted latencies of the requests completed in the window
	 * @param perSecond orders created in each second of the window
	 */
	public record Result(int clients, double seconds, long completed, long created, long errors, long tooLate,
			@Nullable String firstError, double[] latencyMillis, long[] perSecond) {

		public double ordersPerSecond() {
			return this.completed / this.seconds;
		}

		/** Fails the run if a request failed: the figures would not mean much. */
		void requireNoErrors(String phase) {
			if (this.errors > 0) {
				throw new IllegalStateException(
						phase + ": " + this.errors + " requests failed, the first with: " + this.firstError);
			}
		}

	}

}
