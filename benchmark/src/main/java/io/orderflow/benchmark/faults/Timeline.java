package io.orderflow.benchmark.faults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What happened when during a scenario, in seconds since it began: printed as it happens
 * and kept for the report.
 */
final class Timeline {

	private final long start = System.nanoTime();

	private final String scenario;

	private final List<String> entries = new ArrayList<>();

	Timeline(String scenario) {
		this.scenario = scenario;
	}

	synchronized void note(String what) {
		String entry = String.format(Locale.ROOT, "t+%.1f s: %s", (System.nanoTime() - this.start) / 1e9, what);
		this.entries.add(entry);
		System.out.println("faults: " + this.scenario + ": " + entry);
	}

	synchronized List<String> entries() {
		return List.copyOf(this.entries);
	}

	/** Sleeps until {@code instant} (at once if it has passed). */
	static void sleepUntil(java.time.Instant instant) throws InterruptedException {
		Thread.sleep(Math.max(Duration.between(java.time.Instant.now(), instant).toMillis(), 0));
	}

	static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

}
