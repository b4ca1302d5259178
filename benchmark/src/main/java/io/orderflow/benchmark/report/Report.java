package io.orderflow.benchmark.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.Settings;

/**
 * Writes {@code docs/benchmarks.md} and its charts from the runs: the service's targets
 * first, then every workload, every figure as the median over the runs with the minimum
 * and maximum in brackets.
 */
public final class Report {

	private final Settings settings;

	private final List<Results.Run> runs;

	private final Facts facts;

	private final Figures figures;

	private final Targets targets;

	private final @Nullable String profileBefore;

	/**
	 * @param profileBefore the recorded "before" profile fragment, if any
	 */
	public Report(Settings settings, List<Results.Run> runs, Facts facts, @Nullable String profileBefore) {
		this.settings = settings;
		this.runs = runs;
		this.facts = facts;
		this.figures = new Figures(settings, runs);
		this.targets = new Targets(this.figures);
		this.profileBefore = profileBefore;
	}

	/**
	 * What the report says about the machine and the invocation.
	 *
	 * @param appJvmOptions the options both apps run with ({@code bin/jvm.options})
	 */
	public record Facts(String cpu, int cores, String memory, String os, String java, String postgres, String rabbit,
			String redis, List<String> appJvmOptions, Instant started, double wallSeconds) {
	}

	public void write(Path markdown, Path chartDirectory) throws IOException {
		Files.createDirectories(chartDirectory);
		Charts.throughput(this.runs, this.figures.summary((run) -> run.ceiling().perSecond()).median(),
				chartDirectory.resolve("throughput.png"));
		Map<Design, List<Results.Lateness>> lateness = new EnumMap<>(Design.class);
		for (Design design : Design.values()) {
			lateness.put(design, this.runs.stream().map((run) -> run.lateness().get(design)).toList());
		}
		Charts.lateness(lateness, chartDirectory.resolve("lateness.png"));
		Charts.storm(medianStorms(), chartDirectory.resolve("storm.png"));
		String directory = markdown.getParent().relativize(chartDirectory).toString();
		Files.writeString(markdown, markdown(directory));
	}

	/**
	 * The lines quoted in the report and printed at the end: one per target, then the
	 * comparisons.
	 */
	public List<String> headline() {
		return new Headline(this.settings, this.figures, this.targets).lines();
	}

	private String markdown(String charts) {
		StringBuilder md = new StringBuilder();
		int runCount = this.runs.size();
		md.append("# Benchmarks\n\n");
		md.append("<!-- Written by bin/benchmark; edits are overwritten. -->\n\n");
		if (this.settings.smoke()) {
			md.append("> **Smoke settings** (`--smoke`): shortened workloads and ")
				.append(runCount)
				.append(" run(s). These figures only show that the benchmark works; do not quote them.\n\n");
		}
		md.append("The service's targets, each checked in every run (met only if every run met it):\n\n");
		this.targets.table(md);
		md.append("Headline (median of ")
			.append(runCount)
			.append(runCount == 1 ? " run" : " runs")
			.append(" on one ")
			.append(this.facts.cores())
			.append("-core machine that also runs PostgreSQL, RabbitMQ, Redis and the load generator):\n\n");
		for (String line : headline()) {
			md.append("- ").append(line).append('\n');
		}
		md.append('\n');
		md.append("Reproduce with `")
			.append(this.settings.command())
			.append("` (this one took ")
			.append(Math.round(this.facts.wallSeconds() / 60))
			.append(" min, started ")
			.append(this.facts.started().truncatedTo(ChronoUnit.SECONDS))
			.append(this.settings.smoke() ? "); the full benchmark is `bin/benchmark`. "
					: "); `bin/benchmark --smoke` is a quick check that takes a few minutes. ")
			.append("Every figure is the median of the runs with the minimum and maximum in brackets.\n\n");

		new MachineSection(this.runs, this.facts).appendTo(md);
		new MethodSection(this.settings, this.facts).appendTo(md);
		List<Section> sections = List.of(new ThroughputSection(this.figures, charts),
				new ProfileSection(this.figures, this.profileBefore), new BurstSection(this.figures),
				new PrecisionSection(this.figures, charts), new StormSection(this.figures, charts),
				new OutageSection(this.figures), new ComparisonSection(this.figures),
				new FootprintSection(this.figures));
		for (int i = 0; i < sections.size(); i++) {
			md.append("## ").append(i + 1).append(". ").append(sections.get(i).title()).append("\n\n");
			sections.get(i).appendTo(md);
		}
		HowToRead.appendTo(md);
		RunNotes.appendTo(md, this.runs);
		return md.toString();
	}

	/** Per design, the run whose storm finished in the median time, for the chart. */
	private Map<Design, Results.Storm> medianStorms() {
		Map<Design, Results.Storm> median = new EnumMap<>(Design.class);
		for (Design design : Design.values()) {
			List<Results.Storm> storms = new ArrayList<>(
					this.runs.stream().map((run) -> run.storms().get(design)).toList());
			storms.sort((a, b) -> Double.compare(a.allCancelledAfter(), b.allCancelledAfter()));
			median.put(design, storms.get((storms.size() - 1) / 2));
		}
		return median;
	}

}
