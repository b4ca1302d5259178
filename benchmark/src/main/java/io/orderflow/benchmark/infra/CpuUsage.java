package io.orderflow.benchmark.infra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the machine's CPU goes during a phase: CPU seconds per component over the phase's
 * wall time, in cores (2.0 = both cores of a 2-core machine busy).
 */
public final class CpuUsage {

	private final long nanos;

	private final Map<String, Double> seconds;

	private CpuUsage(long nanos, Map<String, Double> seconds) {
		this.nanos = nanos;
		this.seconds = seconds;
	}

	public static CpuUsage sample(ServiceApp api, ServiceApp consumer) {
		Map<String, Double> seconds = new LinkedHashMap<>();
		seconds.put(ServiceApps.API, Machine.cpuSeconds(api.pid()));
		seconds.put(ServiceApps.CONSUMER, Machine.cpuSeconds(consumer.pid()));
		seconds.put("RabbitMQ", Machine.broker().map((broker) -> Machine.cpuSeconds(broker.pid())).orElse(0.0));
		seconds.put("PostgreSQL", Machine.cpuSecondsOf("postgres"));
		seconds.put("benchmark (load generator, baselines)", Machine.cpuSeconds(ProcessHandle.current().pid()));
		seconds.put("machine", Machine.machineBusySeconds());
		return new CpuUsage(System.nanoTime(), seconds);
	}

	/** Cores each component used since {@code before}; "everything else" is the rest. */
	public Map<String, Double> coresSince(CpuUsage before) {
		double wall = (this.nanos - before.nanos) / 1e9;
		Map<String, Double> cores = new LinkedHashMap<>();
		double named = 0;
		for (Map.Entry<String, Double> entry : this.seconds.entrySet()) {
			if (entry.getKey().equals("machine")) {
				continue;
			}
			double used = Math.max(entry.getValue() - before.seconds.get(entry.getKey()), 0) / wall;
			cores.put(entry.getKey(), used);
			named += used;
		}
		double machine = (this.seconds.get("machine") - before.seconds.get("machine")) / wall;
		cores.put("everything else", Math.max(machine - named, 0));
		cores.put("whole machine", machine);
		return cores;
	}

}
