package io.orderflow.benchmark;

/**
 * The timer designs compared: the service itself and the baselines, each with its own
 * database.
 */
public enum Design {

	SERVICE("order service (binary delay levels)", "service", "orderflow_bench"),

	TTL_QUEUE("single queue, per-message TTL", "TTL queue", "orderflow_bench_ttl_queue"),

	POLLER_1S("database poller, every 1 s", "poller 1 s", "orderflow_bench_poller_1s"),

	POLLER_10S("database poller, every 10 s", "poller 10 s", "orderflow_bench_poller_10s"),

	DB_SCHEDULER("db-scheduler, default polling", "db-scheduler", "orderflow_bench_db_scheduler"),

	DB_SCHEDULER_LOCK_AND_FETCH("db-scheduler, lock-and-fetch polling", "db-scheduler L&F",
			"orderflow_bench_db_scheduler_lock_and_fetch"),

	REDIS_KEY_EXPIRY("Redis key expiry, keyspace notifications", "Redis key expiry",
			"orderflow_bench_redis_key_expiry"),

	REDIS_SORTED_SET("Redis sorted set, polled every 100 ms", "Redis sorted set", "orderflow_bench_redis_sorted_set");

	private final String title;

	private final String label;

	private final String database;

	Design(String title, String label, String database) {
		this.title = title;
		this.label = label;
		this.database = database;
	}

	public String title() {
		return this.title;
	}

	/** Short name for charts and narrow tables. */
	public String label() {
		return this.label;
	}

	public String database() {
		return this.database;
	}

	public boolean isBaseline() {
		return this != SERVICE;
	}

}
