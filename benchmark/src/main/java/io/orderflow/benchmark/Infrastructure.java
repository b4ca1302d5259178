package io.orderflow.benchmark;

import io.orderflow.benchmark.infra.Postgres;
import io.orderflow.benchmark.infra.Rabbit;
import io.orderflow.benchmark.infra.Redis;

/**
 * The servers every run uses: the service's and the baselines' databases live in
 * PostgreSQL, the service's timers and the TTL-queue baseline in RabbitMQ, the Redis
 * baselines in Redis.
 */
record Infrastructure(Postgres postgres, Rabbit rabbit, Redis redis) {
}
