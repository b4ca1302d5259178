package io.orderflow.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.orderflow.outbox.OutboxPublisher.Delivery;

/**
 * Publishes what the outbox holds. A few worker threads per app instance
 * ({@code order.outbox.workers}): woken right after a transaction that wrote messages
 * commits, and every {@code poll-interval} to pick up messages left behind by a crash or
 * due for another attempt. A worker that found a full batch wakes another, so that one
 * batch is sent while the broker confirms the one before.
 *
 * <p>
 * Each batch is locked ({@code FOR UPDATE SKIP LOCKED}), published, and marked published
 * or failed in one transaction, so workers and instances never publish the same message
 * at once, and a crash mid-batch only means the batch is published again (consumers
 * deduplicate by message id).
 */
@Component
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	private final OutboxRepository repository;

	private final OutboxPublisher publisher;

	private final TransactionTemplate transactions;

	private final OutboxProperties properties;

	private final OutboxMeters meters;

	private final Clock clock;

	private final Semaphore wakeUps = new Semaphore(0);

	private volatile boolean running;

	private final List<Thread> workers = new ArrayList<>();

	OutboxRelay(OutboxRepository repository, OutboxPublisher publisher, TransactionTemplate transactions,
			OutboxProperties properties, OutboxMeters meters, Clock clock) {
		this.repository = repository;
		this.publisher = publisher;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * Asks the relay to look at the outbox now rather than at its next poll. Wakes one
	 * worker, however many transactions commit meanwhile.
	 */
	public void wakeUp() {
		if (this.wakeUps.availablePermits() == 0) {
			this.wakeUps.release();
		}
	}

	/**
	 * Publishes one batch of due messages.
	 * @return how many messages the batch held
	 */
	public int relayBatch() {
		Integer handled = this.transactions.execute((status) -> {
			List<OutboxMessage> batch = this.repository.lockDue(this.clock.instant(), this.properties.batchSize());
			if (batch.isEmpty()) {
				return 0;
			}
			List<Delivery> deliveries = this.publisher.publish(batch);
			record(batch, deliveries);
			return batch.size();
		});
		return (handled != null) ? handled : 0;
	}

	private void record(List<OutboxMessage> batch, List<Delivery> deliveries) {
		Instant now = this.clock.instant();
		List<UUID> confirmed = deliveries.stream().filter(Delivery::isConfirmed).map(Delivery::messageId).toList();
		this.repository.markPublished(confirmed, now);
		for (int i = 0; i < batch.size(); i++) {
			String failure = deliveries.get(i).failure();
			this.meters.published(batch.get(i), failure == null);
			if (failure != null) {
				OutboxMessage message = batch.get(i);
				int attempts = message.attempts() + 1;
				Instant nextAttempt = now.plus(this.properties.backoffAfter(attempts));
				this.repository.markFailed(message.id(), nextAttempt, failure);
				log.warn("Outbox message {} ({} {}) not published, attempt {}: {}; next attempt at {}", message.id(),
						message.kind(), message.destination(), attempts, failure, nextAttempt);
			}
		}
		log.debug("Outbox relay published {} of {} messages", confirmed.size(), batch.size());
	}

	@Scheduled(fixedDelayString = "${order.outbox.purge-interval:1h}", initialDelayString = "1m")
	void purgePublished() {
		Instant cutoff = this.clock.instant().minus(this.properties.publishedRetention());
		int deleted = this.repository.deletePublishedBefore(cutoff);
		if (deleted > 0) {
			log.info("Deleted {} outbox messages published before {}", deleted, cutoff);
		}
	}

	private void relayUntilStopped() {
		while (this.running) {
			try {
				lingerForMore();
				while (this.running && relayBatch() == this.properties.batchSize()) {
					// there is more: let another worker take the next batch meanwhile
					wakeUp();
				}
			}
			catch (RuntimeException ex) {
				log.warn("Outbox relay could not run (will retry in {}): {}", this.properties.pollInterval(),
						ex.toString());
			}
			try {
				if (this.wakeUps.tryAcquire(this.properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
					this.wakeUps.drainPermits();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Lets the transactions committing right now add their messages to the batch: under
	 * load that makes one batch of many rows out of what would be many batches of one or
	 * two, each with its own database transaction and broker round trip.
	 */
	private void lingerForMore() {
		try {
			Thread.sleep(this.properties.linger().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void start() {
		this.running = true;
		for (int i = 1; i <= this.properties.workers(); i++) {
			Thread thread = new Thread(this::relayUntilStopped, "outbox-relay-" + i);
			thread.setDaemon(true);
			thread.start();
			this.workers.add(thread);
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.wakeUps.release(this.workers.size());
		long deadline = System.nanoTime() + this.properties.confirmTimeout().plusSeconds(5).toNanos();
		try {
			for (Thread thread : this.workers) {
				thread.join(Math.max(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()), 1));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.workers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
