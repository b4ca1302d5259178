package io.orderflow.benchmark.report;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import io.orderflow.benchmark.infra.ServiceApps;
import io.orderflow.benchmark.profile.CpuProfile;
import io.orderflow.benchmark.profile.ProfileTable;

/**
 * Where order-api's CPU goes while it creates orders, now and in the recorded "before".
 */
final class ProfileSection implements Section {

	private final Figures figures;

	private final @Nullable String before;

	/**
	 * @param before the recorded "before" fragment ({@code bin/benchmark --profile}), if
	 * any
	 */
	ProfileSection(Figures figures, @Nullable String before) {
		this.figures = figures;
		this.before = before;
	}

	@Override
	public String title() {
		return "Where order-api's CPU goes";
	}

	@Override
	public void appendTo(StringBuilder md) {
		md.append("A JFR recording (JFR's `profile` settings: the stack of every thread running Java code sampled "
				+ "every 10 ms, up to 256 frames deep) runs in order-api for a window of creation load at the end of "
				+ "each run (so that neither its CPU nor the memory JFR keeps shows in a measured figure; the "
				+ "\"before\" recording followed its measured window directly), started and dumped with `jcmd`; below, the hottest methods by self samples, and the application's own "
				+ "methods by inclusive samples, as shares of all the recording's samples. Time in native code "
				+ "(socket reads and writes, for one) and in the JVM's own threads (JIT, GC) is not sampled. CPU per "
				+ "order is order-api's CPU time in the measured window (`/proc/<pid>/stat`) over the orders created "
				+ "in it.\n\n");
		md.append("| Figure | Median (min–max) |\n| --- | --- |\n");
		Figures.row(md, "order-api CPU per order, ms",
				this.figures.median("%.2f", (run) -> run.creation().apiCpuMillisPerOrder()));
		Figures.row(md, "order-api cores busy during the window",
				this.figures.median("%.2f", (run) -> run.creation().cpu().getOrDefault(ServiceApps.API, Double.NaN)));
		md.append('\n');
		md.append("### Before\n\n");
		if (this.before != null) {
			md.append(this.before.strip()).append("\n\n");
		}
		else {
			md.append("No profile recorded yet: `bin/benchmark --profile docs/benchmarks/profile-before.md` records "
					+ "one.\n\n");
		}
		md.append("### Now\n\n");
		CpuProfile now = CpuProfile.merge(this.figures.runs().stream().map((run) -> run.creation().profile()).toList());
		md.append(ProfileTable.markdown(String.format(Locale.ROOT,
				"This benchmark's recordings of %d run(s) together; %s orders/s, order-api %s ms CPU per order.",
				this.figures.runs().size(),
				this.figures.median("%.0f", (run) -> run.creation().load().ordersPerSecond()),
				this.figures.median("%.2f", (run) -> run.creation().apiCpuMillisPerOrder())), now));
	}

}
