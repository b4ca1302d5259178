package io.orderflow.benchmark.report;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.orderflow.benchmark.Results;

/**
 * The machine the runs ran on, and what else ran on it.
 */
final class MachineSection {

	private final List<Results.Run> runs;

	private final Report.Facts facts;

	MachineSection(List<Results.Run> runs, Report.Facts facts) {
		this.runs = runs;
		this.facts = facts;
	}

	void appendTo(StringBuilder md) {
		md.append("## Machine\n\n");
		md.append("| | |\n| --- | --- |\n");
		Figures.row(md, "CPU", this.facts.cpu() + ", " + this.facts.cores() + " cores (nproc)");
		Figures.row(md, "Memory", this.facts.memory() + " (MemTotal)");
		Figures.row(md, "OS", this.facts.os());
		Figures.row(md, "Java", this.facts.java());
		Figures.row(md, "Database", this.facts.postgres() + ", local, default configuration of the package");
		Figures.row(md, "Broker", this.facts.rabbit() + ", local");
		Figures.row(md, "Broker: `dead_letter_worker_consumer_prefetch` at the start of each run",
				String.join(", ", this.runs.stream().map(Results.Run::deadLetterPrefetch).toList()));
		Figures.row(md, "Redis (two baselines)", this.facts.redis() + ", local");
		Set<String> others = new LinkedHashSet<>();
		for (Results.Run run : this.runs) {
			others.addAll(run.otherProcesses());
		}
		Figures.row(md, "Load average before each run",
				String.join(", ", this.runs.stream().map(Results.Run::loadAverageBefore).toList()));
		Figures.row(md, "Other builds or Java apps seen during the runs",
				others.isEmpty() ? "none" : "`" + String.join("`<br>`", others) + "`");
		md.append('\n');
	}

}
