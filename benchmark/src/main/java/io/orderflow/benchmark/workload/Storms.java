package io.orderflow.benchmark.workload;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import io.orderflow.benchmark.Design;
import io.orderflow.benchmark.Results;
import io.orderflow.benchmark.RunLog;
import io.orderflow.benchmark.Settings;
import io.orderflow.benchmark.Stats;
import io.orderflow.benchmark.baseline.Baseline;

/**
 * The expiry storm: many orders due in the same second, one design at a time, each next
 * to its precision population. Times are measured from the deadline.
 */
public final class Storms {

	private static final long POLL_MILLIS = 250;

	private final Settings settings;

	private final SchedulingRates rates;

	private final RunLog log;

	public Storms(Settings settings, SchedulingRates rates, RunLog log) {
		this.settings = settings;
		this.rates = rates;
		this.log = log;
	}

	/**
	 * The service's storm orders are placed through its placement in this JVM (their
	 * creation is not what is measured); its relays publish their timers into the delay
	 * levels. Done when all are cancelled and their {@code order.cancelled} events
	 * published.
	 */
	public Results.Storm service(ServicePlacement placement, DataSource serviceDb, ServiceOutbox outbox)
			throws Exception {
		int size = this.settings.stormSize();
		Instant since = Instant.now();
		Instant deadline = halfSecond(
				since.plusMillis((long) ((this.rates.serviceStormSeconds(size) * 1.2 + 5) * 1000)));
		this.log.log("storm, %s: %d orders due at %s", Design.SERVICE.title(), size, deadline);
		placement.placeAll(OrderSpec.storm(size, deadline));
		outbox.awaitPublished(true);
		Instant timersPublished = outbox.timersPublished(since);
		if (timersPublished != null) {
			this.rates.learnServiceStorm(size, seconds(Duration.between(since, timersPublished)));
		}
		if (timersPublished == null || timersPublished.isAfter(deadline)) {
			this.log.note("Storm, %s: its last timer was published after the deadline (%s).", Design.SERVICE.title(),
					timersPublished);
		}
		OrderProbes orders = OrderProbes.service(serviceDb);
		Instant giveUp = deadline.plus(this.settings.stormTimeout());
		while (Instant.now().isBefore(giveUp)
				&& !(orders.stormCancels().count() >= size && outbox.cancelledEvents(since).count() >= size)) {
			Thread.sleep(POLL_MILLIS);
		}
		ServiceOutbox.PublishedEvents events = outbox.cancelledEvents(since);
		double published = (events.count() >= size) ? seconds(Duration.between(deadline, events.last()))
				: Double.POSITIVE_INFINITY;
		return storm(orders, deadline, published);
	}

	/** A baseline's storm, inserted by JDBC next to its pending population. */
	public Results.Storm baseline(Baseline baseline) throws Exception {
		int size = this.settings.stormSize();
		baseline.beforeStorm();
		Instant deadline = halfSecond(
				Instant.now().plusMillis((long) ((this.rates.secondsFor(baseline.design(), size, 1.3) + 2) * 1000)));
		this.log.log("storm, %s: %d orders due at %s", baseline.design().title(), size, deadline);
		baseline.schedule(OrderSpec.storm(size, deadline));
		if (Instant.now().isAfter(deadline)) {
			this.log.note("Storm, %s: scheduling ended %.1f s after the deadline.", baseline.design().title(),
					seconds(Duration.between(deadline, Instant.now())));
		}
		OrderProbes orders = OrderProbes.of(baseline);
		Instant giveUp = deadline.plus(this.settings.stormTimeout());
		while (Instant.now().isBefore(giveUp) && orders.stormCancels().count() < size) {
			Thread.sleep(POLL_MILLIS);
		}
		return storm(orders, deadline, Double.NaN);
	}

	private Results.Storm storm(OrderProbes orders, Instant deadline, double published) throws SQLException {
		int size = this.settings.stormSize();
		Design design = orders.design();
		OrderProbes.StormCancels cancels = orders.stormCancels();
		boolean complete = cancels.count() >= size;
		double first = (cancels.first() != null) ? seconds(Duration.between(deadline, cancels.first())) : Double.NaN;
		double last = (cancels.last() != null) ? seconds(Duration.between(deadline, cancels.last())) : Double.NaN;
		double rate = (cancels.count() > 0 && last > 0) ? cancels.count() / last : Double.NaN;
		Results.Storm storm = new Results.Storm(design, size, cancels.count(), first,
				complete ? last : Double.POSITIVE_INFINITY, published, rate, orders.stormOffsets(deadline));
		this.log.log("storm, %s: %d of %d cancelled, first after %s, all after %s%s, %.0f cancels/s", design.title(),
				cancels.count(), size, Stats.seconds(first), Stats.seconds(storm.allCancelledAfter()),
				Double.isNaN(published) ? "" : ", events published after " + Stats.seconds(published), rate);
		return storm;
	}

	/** The middle of the second, so that orders due "at" it stay in the same second. */
	private static Instant halfSecond(Instant instant) {
		return instant.truncatedTo(ChronoUnit.SECONDS).plusMillis(1500);
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
