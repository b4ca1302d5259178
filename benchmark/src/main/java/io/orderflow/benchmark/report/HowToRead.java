package io.orderflow.benchmark.report;

/**
 * What each design's figures come from, for readers who compare them.
 */
final class HowToRead {

	private HowToRead() {
	}

	static void appendTo(StringBuilder md) {
		md.append("## How to read this\n\n");
		md.append("- **The service (binary delay levels).** A timer waits in the broker, not in a table that someone "
				+ "polls: it passes one delay level per 1 bit of its delay in whole seconds, reaches the consumer a "
				+ "second or two early and is held there until its deadline, so its lateness depends neither on a "
				+ "polling interval nor on how many timers are pending, only on the consumer keeping up. It pays for "
				+ "that on creation (every order writes its outbox rows and confirmed publishes, on top of HTTP and "
				+ "JSON, and the broker dead-letters each timer once per level) and in a storm, where every timer "
				+ "passes at-least-once dead-lettering and a listener, and every cancel also writes and publishes an "
				+ "event. A timer's delay is computed just before it is published, so time in the outbox does not "
				+ "make it late unless it outlasts the timeout. Timers that fall due while the consumer is down "
				+ "wait in its quorum queue.\n");
		md.append("- **Single per-message-TTL queue.** The simplest broker recipe, and fine while every timer has the "
				+ "same TTL: the empty-queue storm shows it is fast then. With mixed deadlines RabbitMQ only expires "
				+ "the message at the head, so a timer due in seconds waits behind one due in days: most due timers "
				+ "did not fire at all during the run. Classic-queue dead-lettering is also at-most-once.\n");
		md.append("- **Database poller.** Simple, needs no broker, and cancels a storm in a few large statements, "
				+ "which makes it the fastest at draining one (it writes no events here). Its lateness is bounded "
				+ "by the interval: about half of it on average, all of it at worst, so a 1-s poller misses a 2-s "
				+ "target only under load, and a 10-s poller routinely. It queries the database every interval "
				+ "whether or not anything is due.\n");
		md.append("- **db-scheduler.** A durable, cluster-safe scheduler with retries and dead-execution detection; "
				+ "with the default 10-s polling interval its lateness is like the 10-s poller's. Each task runs in "
				+ "its own transaction on a pool of 10 threads, which bounds its storm rate; lock-and-fetch picks "
				+ "and locks due executions in one statement and keeps the threads busier.\n");
		md.append("- **Redis key expiry.** Redis sends a key's `expired` event when it deletes the key: when a client "
				+ "touches it, or when the background expiry cycle, which samples a few keys with a TTL at a time, "
				+ "comes across it; among many long-lived keys a due one can wait for that well past its TTL. "
				+ "Keyspace notifications are pub/sub, fire-and-forget: an event sent while the subscriber is "
				+ "disconnected (a restart, a deployment, a network blip) is gone, and its order is never "
				+ "cancelled unless something else sweeps for it.\n");
		md.append("- **Redis sorted set, polled.** Due timers are found by score, so lateness is about the 100-ms "
				+ "idle poll plus the claim and the cancel, whatever else is pending; members stay in the set while "
				+ "the poller is stopped. `ZREM` makes a claim exclusive, but claim and cancel are not atomic: a "
				+ "poller that dies between the two loses that timer.\n");
		md.append("- All of this runs on 2 cores shared by every component, so absolute figures are low and noisy; "
				+ "compare designs within the same run and read the min–max ranges before trusting small "
				+ "differences.\n\n");
	}

}
