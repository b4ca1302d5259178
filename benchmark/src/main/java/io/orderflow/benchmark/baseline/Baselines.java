package io.orderflow.benchmark.baseline;

import java.time.Duration;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.Redis;

/**
 * Creates the baseline of each design, on a fresh database of its own.
 */
public final class Baselines {

	private Baselines() {
	}

	public static Baseline create(Design design, Postgres postgres, Rabbit rabbit, Redis redis) throws Exception {
		return switch (design) {
			case TTL_QUEUE -> new TtlQueueBaseline(postgres, rabbit);
			case POLLER_1S -> new PollerBaseline(design, postgres, Duration.ofSeconds(1));
			case POLLER_10S -> new PollerBaseline(design, postgres, Duration.ofSeconds(10));
			case DB_SCHEDULER -> new DbSchedulerBaseline(design, postgres, false);
			case DB_SCHEDULER_LOCK_AND_FETCH -> new DbSchedulerBaseline(design, postgres, true);
			case REDIS_KEY_EXPIRY -> new RedisKeyExpiryBaseline(postgres, redis);
			case REDIS_SORTED_SET -> new RedisSortedSetBaseline(postgres, redis);
			case SERVICE -> throw new IllegalArgumentException("the service is not a baseline");
		};
	}

}
