package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.orderflow.benchmark.infra.Redis;

/**
 * A Redis server of the suite's own ({@code redis-server} from the Debian package), for
 * the baseline that listens to key expiry: in memory only, on 127.0.0.1, stopped with the
 * suite. The machine's Redis is left alone, settings included.
 */
final class LocalRedis implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final int port;

	private LocalRedis(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	static LocalRedis start(Path directory, int port) throws IOException, InterruptedException {
		Files.createDirectories(directory);
		Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", directory.toString())
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "stop-local-redis"));
		LocalRedis redis = new LocalRedis(process, port);
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!redis.answers()) {
			if (!process.isAlive() || System.nanoTime() > deadline) {
				redis.close();
				throw new IllegalStateException("redis-server did not answer on port " + port + " within "
						+ START_TIMEOUT + "; see " + directory.resolve("redis.log"));
			}
			Thread.sleep(100);
		}
		// another server on the port answers too, while ours gives up on the bind
		Thread.sleep(500);
		if (!process.isAlive()) {
			throw new IllegalStateException("redis-server could not listen on port " + port
					+ " (another server there?); see " + directory.resolve("redis.log"));
		}
		return redis;
	}

	private boolean answers() {
		try (Redis redis = client()) {
			return !redis.version().isEmpty();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** A new client; close it after use. */
	Redis client() {
		return Redis.at("127.0.0.1", this.port);
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor();
		}
	}

}
