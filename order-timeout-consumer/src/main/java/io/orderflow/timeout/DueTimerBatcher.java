package io.orderflow.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Holds timers until they are due, applies them in batches, and settles each message once
 * its batch has committed.
 *
 * <p>
 * Timers reach their queue a little before they are due (see
 * {@code io.orderflow.messaging.DelayLevels}). Each waits here, unacknowledged, until its
 * time; then a worker takes it together with every other timer due by then (up to
 * {@code batch-size}) and hands them to the handler, which applies them in one
 * transaction. Once it has committed, each timer's future completes and the listener
 * container acknowledges its message. The listener's prefetch bounds how many timers are
 * held at once.
 *
 * <p>
 * When a batch fails because the database did (unreachable, timed out, deadlocked), the
 * whole batch waits and is tried again with back-off. Any other failure may be caused by
 * one timer of the batch: the batch is split in halves and each is applied on its own at
 * once, so that the others go through (their transaction rolled back, so nothing is
 * applied twice). A timer still failing after its retries is rejected, and its queue
 * dead-letters it to the parking lot.
 *
 * @param <T> the timer type
 */
final class DueTimerBatcher<T> implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DueTimerBatcher.class);

	private static final Duration IDLE_POLL = Duration.ofMillis(250);

	private final String name;

	private final Consumer<List<T>> handler;

	private final TimeoutProperties.Timers settings;

	private final RetryPolicy retry;

	private final Clock clock;

	private final DistributionSummary batchSizes;

	private final DelayQueue<Held> held = new DelayQueue<>();

	private final List<Thread> workers = new ArrayList<>();

	private volatile boolean running;

	/**
	 * @param name the timer's name, for threads, logs and the batch-size meter
	 * @param handler applies a batch of due timers in one transaction, or throws
	 */
	DueTimerBatcher(String name, Consumer<List<T>> handler, TimeoutProperties.Timers settings, RetryPolicy retry,
			MeterRegistry meters, Clock clock) {
		this.name = name;
		this.handler = handler;
		this.settings = settings;
		this.retry = retry;
		this.clock = clock;
		this.batchSizes = DistributionSummary.builder("order.timers.batch.size")
			.description("Timers applied in one transaction")
			.tag("timer", name)
			.register(meters);
	}

	/**
	 * Holds {@code timer} until {@code dueAt}, or applies it as soon as possible when it
	 * has no due time or is due later than {@code max-hold} from now.
	 * @param stillDelivered whether its message can still be settled; a timer whose
	 * channel closed meanwhile is dropped, since the broker delivers it again
	 * @return completes once the timer was applied, or exceptionally once it was given up
	 */
	CompletableFuture<Void> hold(T timer, @Nullable Instant dueAt, BooleanSupplier stillDelivered) {
		Instant now = this.clock.instant();
		boolean holdable = dueAt != null && !dueAt.isAfter(now.plus(this.settings.maxHold()));
		Held entry = new Held(timer, holdable ? dueAt : now, stillDelivered);
		this.held.add(entry);
		return entry.settled;
	}

	private void applyUntilStopped() {
		while (this.running) {
			try {
				apply(takeDueBatch().stream().filter(Held::isStillDelivered).toList());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.error("Applying {} timers failed unexpectedly; carrying on", this.name, ex);
			}
		}
	}

	/**
	 * The earliest timer once it is due, with every other one due by then, up to the
	 * batch size; empty when none fell due for a while. One worker takes at a time, so
	 * that timers due together are applied together while the others apply what they
	 * took.
	 */
	private List<Held> takeDueBatch() throws InterruptedException {
		synchronized (this.held) {
			Held first = this.held.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
			if (first == null) {
				return List.of();
			}
			List<Held> batch = new ArrayList<>();
			batch.add(first);
			this.held.drainTo(batch, this.settings.batchSize() - 1);
			return batch;
		}
	}

	private void apply(List<Held> batch) {
		if (batch.isEmpty()) {
			return;
		}
		try {
			this.handler.accept(batch.stream().map(Held::timer).toList());
		}
		catch (RuntimeException ex) {
			if (batch.size() > 1 && !isDatabaseOutage(ex)) {
				log.warn("A batch of {} {} timers failed ({}); applying each half on its own", batch.size(), this.name,
						ex.toString());
				int half = batch.size() / 2;
				apply(batch.subList(0, half));
				apply(batch.subList(half, batch.size()));
			}
			else {
				retryLater(batch, ex);
			}
			return;
		}
		this.batchSizes.record(batch.size());
		batch.forEach((entry) -> entry.settled.complete(null));
	}

	private void retryLater(List<Held> batch, RuntimeException failure) {
		Instant now = this.clock.instant();
		int givenUp = 0;
		for (Held entry : batch) {
			long backOff = entry.nextBackOff();
			if (backOff == BackOffExecution.STOP) {
				givenUp++;
				entry.settled.completeExceptionally(new AmqpRejectAndDontRequeueException("Gave up on " + this.name
						+ " timer " + entry.timer + " after " + entry.failures + " failed attempts", failure));
			}
			else {
				entry.releaseAt = now.plusMillis(backOff);
				this.held.add(entry);
			}
		}
		log.warn("{} {} timers failed ({}): {} will be tried again, {} given up (parked)", batch.size(), this.name,
				failure.toString(), batch.size() - givenUp, givenUp);
	}

	/** The database failed, not a timer: retrying all of them later is what helps. */
	private static boolean isDatabaseOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
					|| cause instanceof DataAccessResourceFailureException
					|| cause instanceof CannotCreateTransactionException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 1; i <= this.settings.workers(); i++) {
			Thread worker = new Thread(this::applyUntilStopped, this.name + "-timers-" + i);
			worker.setDaemon(true);
			worker.start();
			this.workers.add(worker);
		}
	}

	/**
	 * Lets the workers finish the batch they are applying. Timers still held are left
	 * unacknowledged: the broker delivers them again once their channel closes.
	 */
	@Override
	public void stop() {
		this.running = false;
		try {
			for (Thread worker : this.workers) {
				worker.join(Duration.ofSeconds(30).toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.workers.clear();
		this.held.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Starts before, and stops after, the listener containers that feed it. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 100;
	}

	/** A timer waiting for its time, or for its next attempt. */
	private final class Held implements Delayed {

		private final T timer;

		private final BooleanSupplier stillDelivered;

		private final CompletableFuture<Void> settled = new CompletableFuture<>();

		private volatile Instant releaseAt;

		private @Nullable BackOffExecution backOff;

		private int failures;

		Held(T timer, Instant releaseAt, BooleanSupplier stillDelivered) {
			this.timer = timer;
			this.releaseAt = releaseAt;
			this.stillDelivered = stillDelivered;
		}

		T timer() {
			return this.timer;
		}

		boolean isStillDelivered() {
			if (this.stillDelivered.getAsBoolean()) {
				return true;
			}
			log.debug("Dropping {} timer {}: its channel closed, the broker delivers it again",
					DueTimerBatcher.this.name, this.timer);
			return false;
		}

		long nextBackOff() {
			if (this.backOff == null) {
				this.backOff = DueTimerBatcher.this.retry.getBackOff().start();
			}
			this.failures++;
			return this.backOff.nextBackOff();
		}

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(Duration.between(DueTimerBatcher.this.clock.instant(), this.releaseAt));
		}

		@Override
		public int compareTo(Delayed other) {
			return this.releaseAt.compareTo(((Held) other).releaseAt);
		}

	}

}
