package io.orderflow.benchmark.report;

import java.util.List;
import java.util.Locale;

import io.orderflow.benchmark.Results;

/**
 * What went differently from the plan in each run, and how long each took.
 */
final class RunNotes {

	private RunNotes() {
	}

	static void appendTo(StringBuilder md, List<Results.Run> runs) {
		md.append("## Notes from the runs\n\n");
		boolean any = false;
		for (Results.Run run : runs) {
			if (!Double.isNaN(run.sweeperCancelled()) && run.sweeperCancelled() > 0) {
				md.append(String.format(Locale.ROOT,
						"- Run %d: the timeout consumer's safety-net sweeper cancelled %.0f orders (their timers "
								+ "were more than a minute late).%n",
						run.number(), run.sweeperCancelled()));
				any = true;
			}
			for (String note : run.notes()) {
				md.append("- Run ").append(run.number()).append(": ").append(note).append('\n');
				any = true;
			}
		}
		if (!any) {
			md.append("- Nothing unusual: no failed requests, no timer fired before its deadline, no order left to "
					+ "the service's safety-net sweeper.\n");
		}
		md.append(String.format(Locale.ROOT, "- Wall time of the runs: %s.%n", String.join(", ",
				runs.stream().map((run) -> String.format(Locale.ROOT, "%.1f min", run.wallSeconds() / 60)).toList())));
	}

}
