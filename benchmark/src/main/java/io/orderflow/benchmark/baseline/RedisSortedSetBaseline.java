package io.orderflow.benchmark.baseline;

import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.params.ZRangeParams;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Redis;

/**
 * Baseline (e): a Redis sorted set of timers, {@code bench:sorted-set:timers}, each
 * member an order number scored with its deadline in epoch milliseconds. A poller takes
 * up to 1,000 due members at a time ({@code ZRANGE key -inf <now> BYSCORE LIMIT 0 1000},
 * i.e. {@code ZRANGEBYSCORE}) and claims each with {@code ZREM}: only the caller whose
 * {@code ZREM} removed the member cancels its order, so several pollers could share the
 * set. Claims and cancels run on 4 threads. The poller asks again at once while it finds
 * due members, otherwise after 100 ms.
 */
final class RedisSortedSetBaseline extends Baseline {

	private static final Logger log = LoggerFactory.getLogger(RedisSortedSetBaseline.class);

	static final String KEY = Redis.PREFIX + "sorted-set:timers";

	static final long IDLE_POLL_MILLIS = 100;

	private static final int BATCH_SIZE = 1000;

	private static final int CANCEL_THREADS = 4;

	private final Redis redis;

	private final ExecutorService claimers = Executors.newFixedThreadPool(CANCEL_THREADS,
			new NamedThreads("redis-sorted-set-claim"));

	private volatile boolean polling;

	private Thread poller;

	RedisSortedSetBaseline(Postgres postgres, Redis redis) throws SQLException {
		super(Design.REDIS_SORTED_SET, postgres, CANCEL_THREADS + 1);
		this.redis = redis;
		redis.client().del(KEY);
	}

	@Override
	public void start() {
		this.polling = true;
		this.poller = new Thread(this::poll, "redis-sorted-set-poller");
		this.poller.setDaemon(true);
		this.poller.start();
	}

	/** Lets the poller finish its batch, then stops it. */
	@Override
	public void stop() throws InterruptedException {
		this.polling = false;
		if (this.poller != null) {
			this.poller.join();
			this.poller = null;
		}
	}

	private void poll() {
		while (this.polling) {
			try {
				List<String> due = this.redis.client()
					.zrange(KEY, ZRangeParams.zrangeByScoreParams(Double.NEGATIVE_INFINITY, System.currentTimeMillis())
						.limit(0, BATCH_SIZE));
				if (due.isEmpty()) {
					Thread.sleep(IDLE_POLL_MILLIS);
					continue;
				}
				List<Callable<Void>> claims = due.stream().map((orderNo) -> (Callable<Void>) () -> {
					claimAndCancel(orderNo);
					return null;
				}).toList();
				this.claimers.invokeAll(claims);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				log.warn("Poll failed, next one in {} ms: {}", IDLE_POLL_MILLIS, ex.toString());
				sleepQuietly();
			}
		}
	}

	private void claimAndCancel(String orderNo) {
		if (this.redis.client().zrem(KEY, orderNo) != 1) {
			// another poller claimed it
			return;
		}
		try {
			// an early cancel is only counted: members are due only once their score,
			// the deadline rounded up to the millisecond, has passed
			cancel(orderNo);
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Cancel of {} failed, putting its timer back: {}", orderNo, ex.toString());
			this.redis.client().zadd(KEY, System.currentTimeMillis(), orderNo);
		}
	}

	@Override
	protected void scheduleTimers(List<Timer> timers) {
		try (AbstractPipeline pipeline = this.redis.client().pipelined()) {
			Map<String, Double> batch = new HashMap<>();
			for (Timer timer : timers) {
				batch.put(timer.orderNo(), (double) roundedUpMillis(timer.deadline()));
				if (batch.size() == BATCH_SIZE) {
					pipeline.zadd(KEY, batch);
					batch = new HashMap<>();
				}
			}
			if (!batch.isEmpty()) {
				pipeline.zadd(KEY, batch);
			}
			pipeline.sync();
		}
	}

	private static long roundedUpMillis(Instant instant) {
		return instant.toEpochMilli() + ((instant.getNano() % 1_000_000 != 0) ? 1 : 0);
	}

	private static void sleepQuietly() {
		try {
			Thread.sleep(IDLE_POLL_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() throws Exception {
		stop();
		this.claimers.shutdown();
		this.claimers.awaitTermination(30, TimeUnit.SECONDS);
		this.redis.client().del(KEY);
		super.close();
	}

}
