package io.orderflow.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * How the batcher holds, batches, retries and gives up, with a handler standing in for
 * the database.
 */
class DueTimerBatcherUnitTests {

	private static final Duration SHORT = Duration.ofMillis(20);

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	private DueTimerBatcher<String> batcher;

	@AfterEach
	void stop() {
		if (this.batcher != null) {
			this.batcher.stop();
		}
	}

	@Test
	void holdsATimerUntilItIsDueThenAppliesEveryTimerDueByThenInOneBatch() {
		start(this.batches::add);
		Instant due = Instant.now().plusMillis(300);

		List<CompletableFuture<Void>> settled = List.of(hold("a", due), hold("b", due), hold("c", due));

		await().atMost(Duration.ofSeconds(2)).until(() -> settled.stream().allMatch(CompletableFuture::isDone));
		assertThat(Instant.now()).isAfterOrEqualTo(due);
		assertThat(this.batches).hasSize(1);
		assertThat(this.batches.get(0)).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(settled).allSatisfy((future) -> assertThat(future).isCompleted());
	}

	@Test
	void appliesATimerWithoutDueTimeOrDueBeyondTheMaximumHoldAtOnce() {
		start(this.batches::add);

		CompletableFuture<Void> noDueTime = this.batcher.hold("no due time", null, () -> true);
		CompletableFuture<Void> farAhead = hold("far ahead", Instant.now().plus(Duration.ofHours(1)));

		await().atMost(Duration.ofSeconds(2)).until(() -> noDueTime.isDone() && farAhead.isDone());
		assertThat(this.batches).flatMap((batch) -> batch).containsExactlyInAnyOrder("no due time", "far ahead");
	}

	@Test
	void aFailingTimerIsIsolatedAndItsNeighboursAreAppliedOnce() {
		start((timers) -> {
			if (timers.contains("poison")) {
				throw new IllegalStateException("cannot apply poison");
			}
			this.batches.add(timers);
		});
		Instant due = Instant.now().plusMillis(200);

		List<CompletableFuture<Void>> good = List.of(hold("a", due), hold("b", due), hold("c", due));
		CompletableFuture<Void> poison = hold("poison", due);

		await().atMost(Duration.ofSeconds(2)).until(() -> good.stream().allMatch(CompletableFuture::isDone));
		assertThat(good).allSatisfy((future) -> assertThat(future).isCompleted());
		assertThat(this.batches).flatMap((batch) -> batch).containsExactlyInAnyOrder("a", "b", "c");
		await().atMost(Duration.ofSeconds(2)).until(poison::isDone);
		assertThatThrownBy(poison::join).cause()
			.isInstanceOf(AmqpRejectAndDontRequeueException.class)
			.hasMessageContaining("poison")
			.hasMessageContaining("after 3 failed attempts");
	}

	@Test
	void aDatabaseOutageRetriesTheWholeBatchAfterBackOff() {
		List<Instant> attempts = new CopyOnWriteArrayList<>();
		start((timers) -> {
			attempts.add(Instant.now());
			if (attempts.size() == 1) {
				throw new QueryTimeoutException("the database did not answer in time");
			}
			this.batches.add(timers);
		});
		Instant due = Instant.now().plusMillis(200);

		List<CompletableFuture<Void>> settled = List.of(hold("a", due), hold("b", due));

		await().atMost(Duration.ofSeconds(2)).until(() -> settled.stream().allMatch(CompletableFuture::isDone));
		assertThat(settled).allSatisfy((future) -> assertThat(future).isCompleted());
		assertThat(attempts).hasSize(2);
		assertThat(Duration.between(attempts.get(0), attempts.get(1))).isGreaterThanOrEqualTo(SHORT);
		assertThat(this.batches).containsExactly(List.of("a", "b"));
	}

	@Test
	void dropsATimerWhoseMessageCanNoLongerBeSettled() {
		start(this.batches::add);
		Instant due = Instant.now().plusMillis(200);

		CompletableFuture<Void> abandoned = this.batcher.hold("abandoned", due, () -> false);
		CompletableFuture<Void> live = hold("live", due);

		await().atMost(Duration.ofSeconds(2)).until(live::isDone);
		assertThat(this.batches).flatMap((batch) -> batch).containsExactly("live");
		assertThat(abandoned).isNotDone();
	}

	private CompletableFuture<Void> hold(String timer, Instant dueAt) {
		return this.batcher.hold(timer, dueAt, () -> true);
	}

	private void start(Consumer<List<String>> handler) {
		RetryPolicy retry = RetryPolicy.builder().maxRetries(2).delay(SHORT).multiplier(1).build();
		this.batcher = new DueTimerBatcher<>("test", handler,
				new TimeoutProperties.Timers(100, 10, 1, Duration.ofSeconds(10)), retry, new SimpleMeterRegistry(),
				Clock.systemUTC());
		this.batcher.start();
	}

}
