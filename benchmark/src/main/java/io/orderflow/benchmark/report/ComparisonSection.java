package io.orderflow.benchmark.report;

import io.orderflow.benchmark.Design;

/**
 * The service against each baseline, as ratios per run.
 */
final class ComparisonSection implements Section {

	private final Figures figures;

	ComparisonSection(Figures figures) {
		this.figures = figures;
	}

	@Override
	public String title() {
		return "The service against each baseline";
	}

	@Override
	public void appendTo(StringBuilder md) {
		md.append("Ratios per run, then the median (min–max) over the runs. Above 1 means the service did better; "
				+ "\"∞\" means the baseline's figure never happened in the observation window.\n\n");
		md.append("| Baseline | p50 lateness: baseline ÷ service | p99 lateness: baseline ÷ service | Late by > 2 s: "
				+ "baseline / service | Storm, all cancelled: baseline ÷ service | Storm cancels/s: service ÷ "
				+ "baseline | Lost while the consumer was down: baseline / service |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			if (!design.isBaseline()) {
				continue;
			}
			Figures.row(md, design.title(),
					this.figures.ratio((run) -> run.lateness().get(design).percentile(50)
							/ run.lateness().get(Design.SERVICE).percentile(50)),
					this.figures.ratio((run) -> run.lateness().get(design).percentile(99)
							/ run.lateness().get(Design.SERVICE).percentile(99)),
					this.figures.median("%,.0f", (run) -> (double) run.lateness().get(design).lateBy(2)) + " / "
							+ this.figures.median("%,.0f",
									(run) -> (double) run.lateness().get(Design.SERVICE).lateBy(2)),
					this.figures.ratio((run) -> run.storms().get(design).allCancelledAfter()
							/ run.storms().get(Design.SERVICE).allCancelledAfter()),
					this.figures.ratio((run) -> run.storms().get(Design.SERVICE).cancelsPerSecond()
							/ run.storms().get(design).cancelsPerSecond()),
					this.figures.median("%,.0f", (run) -> (double) run.outages().get(design).lost()) + " / "
							+ this.figures.median("%,.0f", (run) -> (double) run.outages().get(Design.SERVICE).lost()));
		}
		md.append('\n');
	}

}
