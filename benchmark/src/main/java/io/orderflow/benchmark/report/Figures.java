package io.orderflow.benchmark.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import java.util.function.Predicate;

import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.Stats.Summary;

/**
 * The runs' results as the report prints them: every figure the median over the runs,
 * with the minimum and maximum in brackets when they differ.
 */
final class Figures {

	private final Settings settings;

	private final List<Results.Run> runs;

	Figures(Settings settings, List<Results.Run> runs) {
		this.settings = settings;
		this.runs = runs;
	}

	Settings settings() {
		return this.settings;
	}

	List<Results.Run> runs() {
		return this.runs;
	}

	Results.Run firstRun() {
		return this.runs.get(0);
	}

	Summary summary(Function<Results.Run, Double> figure) {
		return Summary.of(this.runs.stream().map(figure).toList());
	}

	/** {@code median (min-max)} with a {@link String#format} pattern. */
	String median(String pattern, Function<Results.Run, Double> figure) {
		return summary(figure).format(pattern);
	}

	/** Seconds, as {@link Stats#seconds}. */
	String seconds(Function<Results.Run, Double> figure) {
		return format(summary(figure), Stats::seconds);
	}

	/** Lateness in seconds; a timer that never fired is "not fired". */
	String lateness(Function<Results.Run, Double> figure) {
		return format(summary(figure), (value) -> Double.isInfinite(value)
				? "not fired (> " + this.settings.grace().toSeconds() + " s)" : Stats.seconds(value));
	}

	/** Seconds into a storm; one that did not finish is "not done". */
	String stormSeconds(Function<Results.Run, Double> figure) {
		return format(summary(figure), (value) -> Double.isInfinite(value)
				? "not done in " + this.settings.stormTimeout().toSeconds() + " s" : Stats.seconds(value));
	}

	/** A ratio such as {@code 6.7×}; infinity is "∞". */
	String ratio(Function<Results.Run, Double> figure) {
		return format(summary(figure),
				(value) -> Double.isInfinite(value) ? "∞" : Stats.format((value < 0.1) ? "%.2f×" : "%.1f×", value));
	}

	/** Resident memory in MiB, from KiB. */
	String mebibytes(Function<Results.Run, Long> kilobytes) {
		return median("%.0f", (run) -> {
			long kb = kilobytes.apply(run);
			return (kb >= 0) ? kb / 1024.0 : Double.NaN;
		});
	}

	/** In how many runs {@code condition} holds. */
	int runsWhere(Predicate<Results.Run> condition) {
		return (int) this.runs.stream().filter(condition).count();
	}

	/** The service's create rate as a share of the database's ceiling, 0 to 1. */
	static double ceilingShare(Results.Run run) {
		return run.creation().load().ordersPerSecond() / run.ceiling().perSecond();
	}

	static String format(Summary summary, DoubleFunction<String> value) {
		if (summary.isEmpty()) {
			return "n/a";
		}
		if (summary.count() == 1 || summary.min() == summary.max()) {
			return value.apply(summary.median());
		}
		return value.apply(summary.median()) + " (" + value.apply(summary.min()) + "–" + value.apply(summary.max())
				+ ")";
	}

	/** A table of cores per process, as {@link io.orderflow.benchmark.infra.CpuUsage}. */
	void cpuTable(StringBuilder md, String title, Function<Results.Run, Map<String, Double>> usage) {
		md.append(title).append("\n\n| Process | Cores |\n| --- | ---: |\n");
		for (String name : usage.apply(firstRun()).keySet()) {
			row(md, name.equals("whole machine") ? "**whole machine**" : name,
					median("%.2f", (run) -> usage.apply(run).getOrDefault(name, Double.NaN)));
		}
		md.append('\n');
	}

	/** One table row. */
	static void row(StringBuilder md, String... cells) {
		md.append("|");
		for (String cell : cells) {
			md.append(' ').append(cell).append(" |");
		}
		md.append('\n');
	}

	static String count(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

}
