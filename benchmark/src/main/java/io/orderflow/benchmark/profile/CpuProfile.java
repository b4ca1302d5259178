package io.orderflow.benchmark.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.jspecify.annotations.Nullable;

/**
 * The Java execution samples of a recording, counted per method: by self samples (the
 * method was running: the top frame) and, for the application's own methods, by inclusive
 * samples (the method was on the stack, counted once per sample). Also the garbage
 * collector's pauses, whose time no execution sample shows.
 *
 * @param samples execution samples with a stack
 * @param truncated samples whose stack was deeper than the recording kept
 * @param self samples per top-frame method ({@code class.method})
 * @param application samples per {@code io.orderflow} method anywhere on the stack
 * @param seconds from the first execution sample to the last
 * @param gcPauseSeconds the garbage collections' pauses, added up
 * @param compilations methods the JIT compiled during the recording
 * @param compilingSeconds the time the JIT compiler threads spent compiling them
 */
public record CpuProfile(long samples, long truncated, Map<String, Long> self, Map<String, Long> application,
		double seconds, double gcPauseSeconds, long compilations, double compilingSeconds) {

	private static final String APPLICATION_PACKAGE = "io.orderflow.";

	/**
	 * A lambda's hidden class, named after where it was spun, with a number and an
	 * address that differ from one JVM to the next.
	 */
	private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda\\$?[0-9]*([+/]0x[0-9a-f]+)?(\\.[0-9]+)?");

	public static CpuProfile read(Path recording) throws IOException {
		long samples = 0;
		long truncated = 0;
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> application = new HashMap<>();
		Instant first = null;
		Instant last = null;
		Duration gcPauses = Duration.ZERO;
		// the JIT's statistics count from the JVM's start: the recording's share is
		// the difference between its first and its last
		RecordedEvent firstJitStatistics = null;
		RecordedEvent lastJitStatistics = null;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				if (type.equals("jdk.GarbageCollection")) {
					gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
					continue;
				}
				if (type.equals("jdk.CompilerStatistics")) {
					firstJitStatistics = earlier(firstJitStatistics, event);
					lastJitStatistics = later(lastJitStatistics, event);
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (!type.equals("jdk.ExecutionSample") || stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				first = (first == null || event.getStartTime().isBefore(first)) ? event.getStartTime() : first;
				last = (last == null || event.getStartTime().isAfter(last)) ? event.getStartTime() : last;
				if (stack.isTruncated()) {
					truncated++;
				}
				List<RecordedFrame> frames = stack.getFrames();
				self.merge(method(frames.get(0)), 1L, Long::sum);
				Set<String> onStack = new HashSet<>();
				for (RecordedFrame frame : frames) {
					String method = method(frame);
					if (method.startsWith(APPLICATION_PACKAGE) && onStack.add(method)) {
						application.merge(method, 1L, Long::sum);
					}
				}
			}
		}
		double seconds = (first != null) ? Duration.between(first, last).toNanos() / 1e9 : 0;
		long compilations = 0;
		double compiling = 0;
		if (firstJitStatistics != null) {
			compilations = lastJitStatistics.getLong("compileCount") - firstJitStatistics.getLong("compileCount");
			compiling = lastJitStatistics.getDuration("totalTimeSpent")
				.minus(firstJitStatistics.getDuration("totalTimeSpent"))
				.toNanos() / 1e9;
		}
		return new CpuProfile(samples, truncated, self, application, seconds, gcPauses.toNanos() / 1e9, compilations,
				compiling);
	}

	private static RecordedEvent earlier(@Nullable RecordedEvent current, RecordedEvent candidate) {
		return (current == null || candidate.getStartTime().isBefore(current.getStartTime())) ? candidate : current;
	}

	private static RecordedEvent later(@Nullable RecordedEvent current, RecordedEvent candidate) {
		return (current == null || candidate.getStartTime().isAfter(current.getStartTime())) ? candidate : current;
	}

	private static String method(RecordedFrame frame) {
		RecordedMethod method = frame.getMethod();
		return LAMBDA.matcher(method.getType().getName()).replaceAll("\\$\\$Lambda") + "." + method.getName();
	}

	/** The samples of several recordings together. */
	public static CpuProfile merge(List<CpuProfile> profiles) {
		long samples = 0;
		long truncated = 0;
		Map<String, Long> self = new HashMap<>();
		Map<String, Long> application = new HashMap<>();
		double seconds = 0;
		double gcPauseSeconds = 0;
		long compilations = 0;
		double compilingSeconds = 0;
		for (CpuProfile profile : profiles) {
			samples += profile.samples;
			truncated += profile.truncated;
			profile.self.forEach((method, count) -> self.merge(method, count, Long::sum));
			profile.application.forEach((method, count) -> application.merge(method, count, Long::sum));
			seconds += profile.seconds;
			gcPauseSeconds += profile.gcPauseSeconds;
			compilations += profile.compilations;
			compilingSeconds += profile.compilingSeconds;
		}
		return new CpuProfile(samples, truncated, self, application, seconds, gcPauseSeconds, compilations,
				compilingSeconds);
	}

	/** The {@code limit} methods with the most self samples, most first. */
	List<Map.Entry<String, Long>> hottestSelf(int limit) {
		return hottest(this.self, limit);
	}

	/** The {@code limit} application methods with the most inclusive samples. */
	List<Map.Entry<String, Long>> hottestApplication(int limit) {
		return hottest(this.application, limit);
	}

	/** {@code count} as a share of all samples, in percent. */
	public double percent(long count) {
		return (this.samples > 0) ? 100.0 * count / this.samples : Double.NaN;
	}

	private static List<Map.Entry<String, Long>> hottest(Map<String, Long> counts, int limit) {
		return counts.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.toList();
	}

}
