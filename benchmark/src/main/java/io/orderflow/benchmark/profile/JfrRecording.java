package io.orderflow.benchmark.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.orderflow.benchmark.infra.Machine;

/**
 * A JFR recording in a running app, driven from outside with {@code jcmd} (next to
 * {@code java} in {@code java.home/bin}), with JFR's {@code profile} settings: the stack
 * of every thread running Java code is sampled every 10 ms.
 */
public final class JfrRecording {

	private static final String NAME = "bench";

	/**
	 * Frames kept per sampled stack. JFR's default, 64, cuts a Spring MVC request's stack
	 * before it reaches the controller; it can only be raised before the app's first
	 * recording starts.
	 */
	private static final int STACK_DEPTH = 256;

	private final long pid;

	private final Path file;

	private JfrRecording(long pid, Path file) {
		this.pid = pid;
		this.file = file;
	}

	/**
	 * Starts recording in process {@code pid}; {@link #stop()} writes it to {@code file}.
	 */
	public static JfrRecording start(long pid, Path file) {
		jcmd(pid, "Stack depth", "JFR.configure", "stackdepth=" + STACK_DEPTH);
		jcmd(pid, "Started recording", "JFR.start", "name=" + NAME, "settings=profile");
		return new JfrRecording(pid, file);
	}

	/** Writes the recording to its file, ends it, and reduces it to a profile. */
	public CpuProfile stop() throws IOException {
		jcmd(this.pid, "Dumped recording", "JFR.dump", "name=" + NAME, "filename=" + this.file.toAbsolutePath());
		jcmd(this.pid, "Stopped recording", "JFR.stop", "name=" + NAME);
		return CpuProfile.read(this.file);
	}

	/**
	 * Runs one jcmd command against {@code pid}; fails unless its answer says
	 * {@code expected}.
	 */
	private static void jcmd(long pid, String expected, String... command) {
		List<String> arguments = new ArrayList<>(List.of(jcmdExecutable(), String.valueOf(pid)));
		arguments.addAll(List.of(command));
		List<String> answer = Machine.run(arguments);
		if (answer.stream().noneMatch((line) -> line.contains(expected))) {
			throw new IllegalStateException(
					String.join(" ", command) + " failed in process " + pid + ": " + String.join(" / ", answer));
		}
	}

	private static String jcmdExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
	}

}
