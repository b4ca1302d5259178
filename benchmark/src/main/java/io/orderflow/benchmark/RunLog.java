package io.orderflow.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The console log of one run, and its notes: what went differently from the plan, which
 * the report lists under "Notes from the runs".
 */
public final class RunLog {

	private final int run;

	private final List<String> notes = new ArrayList<>();

	public RunLog(int run) {
		this.run = run;
	}

	public void log(String format, Object... args) {
		Benchmark.log("run " + this.run + ": " + String.format(Locale.ROOT, format, args));
	}

	/** Logs a note and keeps it for the report. */
	public void note(String format, Object... args) {
		String note = String.format(Locale.ROOT, format, args);
		this.notes.add(note);
		log("note: %s", note);
	}

	public List<String> notes() {
		return List.copyOf(this.notes);
	}

}
