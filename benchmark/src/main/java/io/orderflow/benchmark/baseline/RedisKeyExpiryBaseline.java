package io.orderflow.benchmark.baseline;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.params.SetParams;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Redis;

/**
 * Baseline (d): Redis key expiry. One key per timer, {@code bench:key-expiry:<order>},
 * set with {@code PX} = deadline minus now. With {@code notify-keyspace-events Ex}
 * (switched on for the run, the previous setting restored afterwards) Redis publishes
 * each expired key's name on {@code __keyevent@<db>__:expired}; a subscriber hands it to
 * 4 threads that run the guarded cancel.
 *
 * <p>
 * Redis publishes the event when it deletes the expired key: when a client touches it, or
 * when its background expiry cycle (10 times a second, sampling a few keys with a TTL at
 * a time) comes across it, not necessarily when the TTL runs out. And pub/sub is
 * fire-and-forget: an event published while no subscriber listens is gone, and so is its
 * timer.
 */
final class RedisKeyExpiryBaseline extends Baseline {

	private static final Logger log = LoggerFactory.getLogger(RedisKeyExpiryBaseline.class);

	static final String KEY_PREFIX = Redis.PREFIX + "key-expiry:";

	private static final String NOTIFICATIONS = "notify-keyspace-events";

	private static final int CANCEL_THREADS = 4;

	private final Redis redis;

	private final String previousNotifications;

	private final String channel;

	private final ExecutorService cancellers = Executors.newFixedThreadPool(CANCEL_THREADS,
			new NamedThreads("redis-key-expiry-cancel"));

	private Subscriber subscriber;

	private Thread listening;

	RedisKeyExpiryBaseline(Postgres postgres, Redis redis) throws SQLException {
		super(Design.REDIS_KEY_EXPIRY, postgres, CANCEL_THREADS + 1);
		this.redis = redis;
		this.previousNotifications = redis.setting(NOTIFICATIONS);
		redis.changeSetting(NOTIFICATIONS, withExpiredEvents(this.previousNotifications));
		this.channel = "__keyevent@" + redis.database() + "__:expired";
	}

	/**
	 * {@code flags} plus what expired-key events need: keyevent notifications (E) of
	 * expired keys (x, or A for all kinds).
	 */
	private static String withExpiredEvents(String flags) {
		String wanted = flags;
		if (!wanted.contains("E")) {
			wanted += "E";
		}
		if (!wanted.contains("x") && !wanted.contains("A")) {
			wanted += "x";
		}
		return wanted;
	}

	/** Subscribes, and returns once Redis confirmed the subscription. */
	@Override
	public void start() throws InterruptedException {
		Subscriber subscriber = new Subscriber();
		this.listening = new Thread(() -> {
			try {
				this.redis.client().subscribe(subscriber, this.channel);
			}
			catch (RuntimeException ex) {
				log.warn("Subscriber to {} failed: {}", this.channel, ex.toString());
			}
		}, "redis-key-expiry-subscriber");
		this.listening.setDaemon(true);
		this.listening.start();
		if (!subscriber.subscribed.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("no subscription to " + this.channel + " within 30 s");
		}
		this.subscriber = subscriber;
	}

	/** Unsubscribes: from now on, expiry events reach nobody. */
	@Override
	public void stop() throws InterruptedException {
		if (this.subscriber != null) {
			this.subscriber.unsubscribe();
			this.listening.join();
			this.subscriber = null;
		}
	}

	@Override
	protected void scheduleTimers(List<Timer> timers) {
		try (AbstractPipeline pipeline = this.redis.client().pipelined()) {
			int pending = 0;
			for (Timer timer : timers) {
				// rounded up, so that the key never expires before the deadline
				long millis = Math.max(Duration.between(Instant.now(), timer.deadline()).toMillis() + 1, 1);
				pipeline.set(KEY_PREFIX + timer.orderNo(), "", SetParams.setParams().px(millis));
				if (++pending == 1000) {
					pipeline.sync();
					pending = 0;
				}
			}
			pipeline.sync();
		}
	}

	private void expired(String key) {
		if (!key.startsWith(KEY_PREFIX)) {
			// someone else's key in the same database
			return;
		}
		String orderNo = key.substring(KEY_PREFIX.length());
		this.cancellers.execute(() -> {
			try {
				// an early event is only counted: Redis never expires a key before its
				// PX has passed
				cancel(orderNo);
			}
			catch (SQLException | RuntimeException ex) {
				// the event is gone, and the timer with it
				log.warn("Cancel of {} failed; its timer is lost: {}", orderNo, ex.toString());
			}
		});
	}

	@Override
	public void close() throws Exception {
		stop();
		this.cancellers.shutdown();
		this.cancellers.awaitTermination(30, TimeUnit.SECONDS);
		this.redis.deleteKeys(KEY_PREFIX);
		this.redis.changeSetting(NOTIFICATIONS, this.previousNotifications);
		super.close();
	}

	private final class Subscriber extends JedisPubSub {

		private final CountDownLatch subscribed = new CountDownLatch(1);

		@Override
		public void onSubscribe(String channel, int subscribedChannels) {
			this.subscribed.countDown();
		}

		@Override
		public void onMessage(String channel, String key) {
			expired(key);
		}

	}

}
