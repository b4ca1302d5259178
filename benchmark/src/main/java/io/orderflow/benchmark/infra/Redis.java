package io.orderflow.benchmark.infra;

import java.util.List;
import java.util.Map;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The local Redis, for the Redis baselines. Every key the benchmark writes starts with
 * {@code bench:}, so other users' keys in the same database are never touched.
 */
public final class Redis implements AutoCloseable {

	public static final String PREFIX = "bench:";

	private final HostAndPort address;

	private final JedisClientConfig config;

	private final RedisClient client;

	private Redis(HostAndPort address, JedisClientConfig config) {
		this.address = address;
		this.config = config;
		this.client = RedisClient.builder().hostAndPort(address).clientConfig(config).build();
	}

	public static Redis fromEnvironment() {
		HostAndPort address = new HostAndPort(env("SPRING_DATA_REDIS_HOST", "127.0.0.1"),
				Integer.parseInt(env("SPRING_DATA_REDIS_PORT", "6379")));
		JedisClientConfig config = DefaultJedisClientConfig.builder()
			.database(Integer.parseInt(env("SPRING_DATA_REDIS_DATABASE", "0")))
			.clientName("orderflow-benchmark")
			.timeoutMillis(10_000)
			.build();
		return new Redis(address, config);
	}

	/** A Redis of one's own at {@code host:port}, database 0. */
	public static Redis at(String host, int port) {
		return new Redis(new HostAndPort(host, port),
				DefaultJedisClientConfig.builder().clientName("orderflow-benchmark").timeoutMillis(10_000).build());
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

	/** A thread-safe client with a pool of connections. */
	public RedisClient client() {
		return this.client;
	}

	/** The logical database the benchmark's keys live in. */
	public int database() {
		return this.config.getDatabase();
	}

	/** {@code Redis <version>}, as the server reports it. */
	public String version() {
		for (String line : this.client.info("server").split("\r?\n")) {
			if (line.startsWith("redis_version:")) {
				return "Redis " + line.substring("redis_version:".length()).trim();
			}
		}
		return "Redis (version unknown)";
	}

	/** A server setting ({@code CONFIG GET}), or "" if it has none. */
	public String setting(String name) {
		try (Jedis connection = new Jedis(this.address, this.config)) {
			Map<String, String> values = connection.configGet(name);
			return values.getOrDefault(name, "");
		}
	}

	/** Changes a server setting ({@code CONFIG SET}); it holds for every client. */
	public void changeSetting(String name, String value) {
		this.client.configSet(name, value);
	}

	/** Deletes every key that starts with {@code prefix}. */
	public void deleteKeys(String prefix) {
		ScanParams matching = new ScanParams().match(prefix + "*").count(1000);
		String cursor = ScanParams.SCAN_POINTER_START;
		do {
			ScanResult<String> page = this.client.scan(cursor, matching);
			List<String> keys = page.getResult();
			if (!keys.isEmpty()) {
				this.client.unlink(keys.toArray(String[]::new));
			}
			cursor = page.getCursor();
		}
		while (!cursor.equals(ScanParams.SCAN_POINTER_START));
	}

	@Override
	public void close() {
		this.client.close();
	}

}
