package io.orderflow.benchmark.report;

import java.util.Locale;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;

/**
 * What each design does with timers that fall due while its consumer is stopped.
 */
final class OutageSection implements Section {

	private final Figures figures;

	OutageSection(Figures figures) {
		this.figures = figures;
	}

	@Override
	public String title() {
		return "Timers due while the consumer is down";
	}

	@Override
	public void appendTo(StringBuilder md) {
		var settings = this.figures.settings();
		md.append(String.format(Locale.ROOT,
				"For every design at once, %,d timers are scheduled to fall due while whatever consumes them is "
						+ "stopped for %d s: the service's `order-timeout-consumer` process (SIGTERM, and waiting "
						+ "until it exited; started again from its jar), the TTL queue's consumers (cancelled), the "
						+ "pollers and db-scheduler (stopped polling), the Redis key-expiry subscriber "
						+ "(unsubscribed), the Redis sorted-set poller (stopped). Each is started again after the "
						+ "%d s, and an order still not cancelled %d s after that counts as lost. \"Due while down\" "
						+ "counts the deadlines between the end of the stop and the restart. Read from the designs' "
						+ "databases, like the other timer figures.%n%n",
				settings.outageTimers(), settings.consumerDowntime().toSeconds(),
				settings.consumerDowntime().toSeconds(), settings.outageObservation().toSeconds()));
		md.append("| Design | Due while down | Cancelled | Lost | Restart took | Last cancel after the restart |\n");
		md.append("| --- | ---: | ---: | ---: | ---: | ---: |\n");
		for (Design design : Design.values()) {
			Figures.row(md, design.isBaseline() ? design.title() : "**" + design.title() + "**",
					this.figures.median("%,.0f", (run) -> (double) outage(run, design).dueWhileDown()),
					this.figures.median("%,.0f", (run) -> (double) outage(run, design).cancelled()),
					this.figures.median("%,.0f", (run) -> (double) outage(run, design).lost()),
					this.figures.seconds((run) -> outage(run, design).restartSeconds()),
					this.figures.seconds((run) -> outage(run, design).lastCancelAfterRestart()));
		}
		md.append('\n');
		md.append(String.format(Locale.ROOT,
				"The service's restart is the consumer's start-up until its health is UP. Its safety-net sweeper, "
						+ "which only cancels orders more than a minute overdue, had cancelled %s orders by the end "
						+ "of the observation (`order.sweeper.cancelled` of the restarted consumer): the timers "
						+ "themselves cancelled the others.%n%n",
				this.figures.median("%,.0f", Results.Run::outageSweeperCancelled)));
	}

	private static Results.Outage outage(Results.Run run, Design design) {
		return run.outages().get(design);
	}

}
