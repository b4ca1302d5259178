package io.orderflow.benchmark.profile;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A profile as a markdown fragment (a sentence and two tables, no heading), so that the
 * report can put a recorded one next to a fresh one: the hottest methods by self samples,
 * and the application's own methods by inclusive samples, as shares of all samples.
 */
public final class ProfileTable {

	private static final int ROWS = 15;

	private ProfileTable() {
	}

	/**
	 * @param measured what was measured, when and on which code, as a sentence or two
	 */
	public static String markdown(String measured, CpuProfile profile) {
		StringBuilder md = new StringBuilder();
		md.append(measured)
			.append(String.format(Locale.ROOT,
					" %,d Java execution samples over %.0f s (%.0f a second: only threads running Java code are "
							+ "sampled; %.1f%% of the stacks were deeper than the recording kept). Not in the "
							+ "samples: garbage collection paused the app for %.1f s in all, and the JIT compiled "
							+ "%,d methods, which took %.0f s of its compiler threads' time.%n%n",
					profile.samples(), profile.seconds(), profile.samples() / Math.max(profile.seconds(), 1),
					profile.percent(profile.truncated()), profile.gcPauseSeconds(), profile.compilations(),
					profile.compilingSeconds()));
		table(md, "Hottest methods, by self samples (running at the top of the stack)", profile,
				profile.hottestSelf(ROWS));
		table(md, "Application methods (`io.orderflow`), by inclusive samples (anywhere on the stack)", profile,
				profile.hottestApplication(ROWS));
		return md.toString();
	}

	private static void table(StringBuilder md, String title, CpuProfile profile, List<Map.Entry<String, Long>> rows) {
		md.append("| ").append(title).append(" | Share of all samples |\n| --- | ---: |\n");
		for (Map.Entry<String, Long> row : rows) {
			md.append("| `")
				.append(row.getKey())
				.append("` | ")
				.append(String.format(Locale.ROOT, "%.1f%%", profile.percent(row.getValue())))
				.append(" |\n");
		}
		if (rows.isEmpty()) {
			md.append("| none sampled | |\n");
		}
		md.append('\n');
	}

}
