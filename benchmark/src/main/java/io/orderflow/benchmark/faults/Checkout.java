package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.benchmark.infra.ServiceApp;
import io.orderflow.benchmark.workload.HttpLoad;

/**
 * The shop's checkout backend: concurrent clients placing orders through
 * {@code POST /api/orders}, spread over the running order-api instances in turn like a
 * load balancer would (one that stops sending to an instance the suite killed). Keeps the
 * number of every acknowledged ({@code 201}) order, and every answer's status: a request
 * that got no answer (the instance died under it) is not acknowledged, whatever became of
 * it.
 */
final class Checkout {

	private static final Pattern ORDER_NO = Pattern.compile("\"orderNo\"\\s*:\\s*\"([^\"]+)\"");

	private final List<ServiceApp> apis = new CopyOnWriteArrayList<>();

	private final String authorization;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final AtomicInteger turn = new AtomicInteger();

	private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();

	private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();

	private final Map<String, String> firstBodies = new ConcurrentHashMap<>();

	private final AtomicLong lastFailureNanos = new AtomicLong();

	Checkout(String token, List<ServiceApp> apis) {
		this.authorization = "Bearer " + token;
		this.apis.addAll(apis);
	}

	/** Sends no more requests to {@code api}. */
	void withdraw(ServiceApp api) {
		this.apis.remove(api);
	}

	void add(ServiceApp api) {
		this.apis.add(api);
	}

	/**
	 * Places {@code count} orders from {@code clients} clients, each due at the instant
	 * {@code deadlines} gives when it is sent.
	 */
	void place(int count, int clients, Supplier<Instant> deadlines) throws InterruptedException {
		AtomicInteger left = new AtomicInteger(count);
		run(clients, () -> left.getAndDecrement() > 0, deadlines, Pace.UNPACED);
	}

	/**
	 * Places a storm of {@code count} orders all due at one instant (see
	 * {@link Deadlines#stormFor}), and answers that instant.
	 */
	Instant placeStorm(int count, int clients, Timeline timeline) throws InterruptedException {
		Instant deadline = Deadlines.stormFor(count);
		place(count, clients, Deadlines.at(deadline));
		timeline.note("storm placed, due at " + deadline + ": " + answers());
		return deadline;
	}

	/**
	 * Places {@code count} orders due at instants spread over {@code spread}, the first
	 * when a storm of as many would be (see {@link Deadlines#stormFor}), and answers the
	 * last deadline.
	 */
	Instant placeSpread(int count, int clients, Duration spread, Timeline timeline) throws InterruptedException {
		Instant first = Deadlines.stormFor(count);
		Instant last = first.plus(spread);
		place(count, clients, Deadlines.between(first, last));
		timeline.note("orders placed, due " + first + " to " + last + ": " + answers());
		return last;
	}

	/**
	 * Starts placing {@code rate} orders a second, due 5-20 s later, from {@code clients}
	 * clients until {@code done} answers true, and returns once they have been at it for
	 * 10 s; join the thread answered to wait for the last of them.
	 */
	Thread startSteadyLoad(BooleanSupplier done, int clients, int rate, Timeline timeline) throws InterruptedException {
		Pace pace = Pace.perSecond(rate);
		Thread load = new Thread(() -> {
			try {
				run(clients, () -> !done.getAsBoolean(), Deadlines.after(Duration.ofSeconds(5), Duration.ofSeconds(20)),
						pace);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "checkout-load");
		load.start();
		Thread.sleep(10_000);
		timeline.note("load running: " + answers());
		return load;
	}

	private void run(int clients, BooleanSupplier more, Supplier<Instant> deadlines, Pace pace)
			throws InterruptedException {
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				try {
					while (more.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
						pace.awaitSlot();
						placeOne(deadlines.get());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "checkout-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
	}

	private void placeOne(Instant deadline) {
		List<ServiceApp> targets = List.copyOf(this.apis);
		if (targets.isEmpty()) {
			count("no api instance", "");
			pause();
			return;
		}
		ServiceApp api = targets.get(Math.floorMod(this.turn.getAndIncrement(), targets.size()));
		Duration timeout = Duration.between(Instant.now(), deadline);
		HttpRequest request = HttpRequest.newBuilder(api.uri("/api/orders"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Authorization", this.authorization)
			.POST(HttpRequest.BodyPublishers.ofString(HttpLoad.orderBody("faults",
					timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout)))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			int status = response.statusCode();
			if (status == 201) {
				Matcher orderNo = ORDER_NO.matcher(response.body());
				if (orderNo.find()) {
					this.acknowledged.add(orderNo.group(1));
				}
				count("201", "");
				return;
			}
			String kind = String.valueOf(status);
			if (status == 503) {
				kind = response.headers().firstValue("Retry-After").isPresent() ? "503 with Retry-After"
						: "503 without Retry-After";
			}
			count(kind, response.body());
		}
		catch (IOException ex) {
			count("no answer (" + ex.getClass().getSimpleName() + ")", String.valueOf(ex.getMessage()));
			pause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void count(String kind, String body) {
		this.answers.computeIfAbsent(kind, (key) -> new AtomicLong()).incrementAndGet();
		if (!kind.equals("201")) {
			this.lastFailureNanos.set(System.nanoTime());
			this.firstBodies.putIfAbsent(kind, (body.length() > 300) ? body.substring(0, 300) + "..." : body);
		}
	}

	/**
	 * A client whose request failed waits a little before the next, as a real one would.
	 */
	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Numbers of the orders answered {@code 201}. */
	List<String> acknowledged() {
		return List.copyOf(this.acknowledged);
	}

	/** How many answers of each kind ({@code 201}, {@code 500}, no answer ...). */
	Map<String, Long> answers() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.answers.forEach((kind, count) -> counts.put(kind, count.get()));
		return counts;
	}

	/** The first body of each kind of failed answer. */
	Map<String, String> firstFailures() {
		return Map.copyOf(this.firstBodies);
	}

	/**
	 * A broken promise for each kind of answer other than {@code 201} and {@code 503}
	 * with {@code Retry-After}: what callers may get while a dependency is out of reach.
	 */
	List<String> answersBesidesCreatedOrRetryLater() {
		List<String> violations = new ArrayList<>();
		answers().forEach((kind, count) -> {
			if (!kind.equals("201") && !kind.equals("503 with Retry-After")) {
				violations.add(count + " answers " + kind);
			}
		});
		return violations;
	}

	long count(String kind) {
		AtomicLong count = this.answers.get(kind);
		return (count != null) ? count.get() : 0;
	}

	/** {@link System#nanoTime()} of the last failed or unanswered request, 0 if none. */
	long lastFailureNanos() {
		return this.lastFailureNanos.get();
	}

}
