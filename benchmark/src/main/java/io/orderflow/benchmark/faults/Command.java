package io.orderflow.benchmark.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A command line tool run to its end ({@code pg_ctl}, {@code rabbitmqctl}): its exit code
 * and output, or an exception naming both when it failed.
 */
final class Command {

	private Command() {
	}

	/** Runs {@code command} with {@code env} added and fails unless it exits with 0. */
	static String run(List<String> command, Map<String, String> env, Duration timeout) {
		Result result = attempt(command, env, timeout);
		if (result.exitCode() != 0) {
			throw new IllegalStateException(
					String.join(" ", command) + " exited with " + result.exitCode() + ":\n" + result.output());
		}
		return result.output();
	}

	/** Runs {@code command}; a timeout counts as exit code -1. */
	static Result attempt(List<String> command, Map<String, String> env, Duration timeout) {
		try {
			Path output = Files.createTempFile("faults-command", ".log");
			try {
				ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(output.toFile());
				builder.environment().putAll(env);
				Process process = builder.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor();
					return new Result(-1, Files.readString(output) + "\n(timed out after " + timeout + ")");
				}
				return new Result(process.exitValue(), Files.readString(output));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while running " + command, ex);
		}
	}

	record Result(int exitCode, String output) {
	}

}
