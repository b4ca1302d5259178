package io.orderflow.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox relay works.
 *
 * @param pollInterval how often the relay looks for messages it was not woken for (left
 * behind by a crash, or due for another attempt); new messages are published right after
 * their transaction commits
 * @param batchSize messages a relay worker takes at a time, publishes with their confirms
 * pipelined, and marks in the same transaction
 * @param workers relay threads per app instance; each takes its own batches (rows another
 * holds are skipped), so that one batch's confirms are awaited while the next is sent
 * @param linger how long a woken worker waits before it takes its batch, so that the
 * messages of transactions committing meanwhile go out with it
 * @param confirmTimeout how long to wait for the broker's confirms of a batch; an
 * unconfirmed message is published again later (consumers deduplicate)
 * @param initialBackoff wait before the first retry of a message the broker did not take
 * @param maxBackoff upper bound of the doubling wait between retries; a message is
 * retried for as long as it takes, never dropped
 * @param publishedRetention how long published messages are kept for inspection
 */
@ConfigurationProperties("order.outbox")
public record OutboxProperties(@DefaultValue("1s") Duration pollInterval, @DefaultValue("500") int batchSize,
		@DefaultValue("2") int workers, @DefaultValue("10ms") Duration linger,
		@DefaultValue("10s") Duration confirmTimeout, @DefaultValue("1s") Duration initialBackoff,
		@DefaultValue("1m") Duration maxBackoff, @DefaultValue("7d") Duration publishedRetention) {

	public OutboxProperties {
		if (batchSize < 1) {
			throw new IllegalArgumentException("order.outbox.batch-size must be at least 1, was " + batchSize);
		}
		if (workers < 1) {
			throw new IllegalArgumentException("order.outbox.workers must be at least 1, was " + workers);
		}
	}

	Duration backoffAfter(int failedAttempts) {
		int doublings = Math.min(Math.max(failedAttempts - 1, 0), 30);
		Duration backoff = this.initialBackoff.multipliedBy(1L << doublings);
		return (backoff.compareTo(this.maxBackoff) > 0) ? this.maxBackoff : backoff;
	}

}
