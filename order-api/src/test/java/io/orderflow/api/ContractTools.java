package io.orderflow.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The node tools that check the contract, from {@code clients/typescript} (its
 * {@code package-lock.json} pins them): installed with {@code npm ci} when missing or
 * older than the lock file, then run. Node.js and npm must be on the PATH; if they are
 * not, or the install fails, the tests that need them fail, saying so, rather than being
 * skipped.
 */
final class ContractTools {

	/** The repository's root: the tests run in {@code order-api}. */
	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path TOOLS = ROOT.resolve("clients/typescript");

	private ContractTools() {
	}

	/**
	 * Runs {@code command} (a tool of {@code node_modules/.bin}) and returns its standard
	 * output.
	 */
	static synchronized Result run(String tool, String... arguments) {
		install();
		List<String> command = new ArrayList<>();
		command.add(TOOLS.resolve("node_modules/.bin").resolve(tool).toString());
		command.addAll(List.of(arguments));
		return exec(command, "running " + tool);
	}

	private static void install() {
		Path installed = TOOLS.resolve("node_modules/.package-lock.json");
		try {
			if (Files.exists(installed) && Files.getLastModifiedTime(installed)
				.compareTo(Files.getLastModifiedTime(TOOLS.resolve("package-lock.json"))) >= 0) {
				return;
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		Result result = exec(List.of("npm", "ci", "--no-audit", "--no-fund"), "installing the contract tools");
		if (result.exitCode() != 0) {
			throw new IllegalStateException("npm ci in " + TOOLS + " failed (exit " + result.exitCode() + "):\n"
					+ result.output() + result.errors());
		}
	}

	private static Result exec(List<String> command, String what) {
		try {
			Path out = Files.createTempFile("contract-tool", ".out");
			Path err = Files.createTempFile("contract-tool", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).directory(TOOLS.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
			// Redocly: no usage data sent, no update notice mixed into the output
			builder.environment().put("REDOCLY_TELEMETRY", "off");
			builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
			Process process = builder.start();
			if (!process.waitFor(5, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException(what + " took more than 5 minutes: " + command);
			}
			Result result = new Result(process.exitValue(), Files.readString(out), Files.readString(err));
			Files.delete(out);
			Files.delete(err);
			return result;
		}
		catch (IOException ex) {
			throw new IllegalStateException(what + " failed: " + command + " (are Node.js 20+ and npm installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Result(int exitCode, String output, String errors) {
	}

}
