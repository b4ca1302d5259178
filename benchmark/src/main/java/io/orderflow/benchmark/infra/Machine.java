package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the machine is, how much memory a process holds, and what else is running.
 */
public final class Machine {

	/** USER_HZ: the unit of the CPU times in /proc (100 on Linux). */
	private static final double CLOCK_TICKS = 100.0;

	private Machine() {
	}

	public static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	public static String memTotal() {
		return procField(Path.of("/proc/meminfo"), "MemTotal:").map(Machine::kbToGib).orElse("unknown");
	}

	public static String cpuModel() {
		return procField(Path.of("/proc/cpuinfo"), "model name").map((line) -> line.replaceFirst("^:\\s*", ""))
			.orElse("unknown");
	}

	public static String os() {
		try {
			for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
				if (line.startsWith("PRETTY_NAME=")) {
					return line.substring("PRETTY_NAME=".length()).replace("\"", "") + ", Linux "
							+ Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
				}
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return System.getProperty("os.name") + " " + System.getProperty("os.version");
	}

	/** First line of {@code java -version} of the JVM that runs the apps. */
	public static String javaVersion() {
		List<String> lines = run(List.of(ServiceJars.javaExecutable(), "-version"));
		return lines.isEmpty() ? System.getProperty("java.version") : String.join("; ", lines);
	}

	/** Resident set size (VmRSS) of a process in KiB, or -1 if unknown. */
	static long rssKb(long pid) {
		return procField(Path.of("/proc", String.valueOf(pid), "status"), "VmRSS:")
			.map((value) -> Long.parseLong(value.replaceAll("[^0-9]", "")))
			.orElse(-1L);
	}

	/** The broker's Erlang VM ({@code beam.smp}). */
	static Optional<ProcessHandle> broker() {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("beam.smp")).orElse(false))
			.findFirst();
	}

	public static long brokerRssKb() {
		return broker().map((process) -> rssKb(process.pid())).orElse(-1L);
	}

	public static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/**
	 * Builds, test runs and Java apps that are not this benchmark's: they compete for the
	 * same two cores and are named in the report.
	 */
	public static List<String> otherBusyProcesses(Set<Long> ours) {
		long self = ProcessHandle.current().pid();
		return ProcessHandle.allProcesses()
			.filter((process) -> process.pid() != self && !ours.contains(process.pid()))
			.filter((process) -> process.parent().map((parent) -> parent.pid() != self).orElse(true))
			.map((process) -> process.info().commandLine().orElse(""))
			.filter((line) -> line.contains("maven") || line.contains("surefire") || line.contains("java -jar")
					|| (line.contains("/java ") && line.contains(".jar")))
			.map((line) -> (line.length() > 140) ? line.substring(0, 140) + "..." : line)
			.collect(Collectors.toList());
	}

	/** CPU seconds (user and system) a process has used so far, or 0 if unknown. */
	static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * CPU seconds used so far by every process whose executable's name is {@code name}.
	 */
	static double cpuSecondsOf(String name) {
		return ProcessHandle.allProcesses()
			.filter((process) -> process.info().command().map((command) -> command.endsWith("/" + name)).orElse(false))
			.mapToDouble((process) -> cpuSeconds(process.pid()))
			.sum();
	}

	/** CPU seconds the whole machine has spent busy so far (all cores). */
	static double machineBusySeconds() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			double busy = 0;
			for (int i = 1; i < fields.length && i <= 8; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy / CLOCK_TICKS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	private static Optional<String> procField(Path file, String prefix) {
		try {
			for (String line : Files.readAllLines(file)) {
				if (line.startsWith(prefix)) {
					return Optional.of(line.substring(prefix.length()).trim());
				}
			}
		}
		catch (IOException ex) {
			// not on Linux, or the process is gone
		}
		return Optional.empty();
	}

	private static String kbToGib(String value) {
		long kb = Long.parseLong(value.replaceAll("[^0-9]", ""));
		return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
	}

	public static List<String> run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			List<String> lines = new ArrayList<>();
			try (var reader = process.inputReader()) {
				String line;
				while ((line = reader.readLine()) != null) {
					lines.add(line.trim());
				}
			}
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			return lines;
		}
		catch (IOException ex) {
			return List.of();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return List.of();
		}
	}

}
