package io.orderflow.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far this host's clock runs ahead of the database's (behind when negative), measured
 * every half minute the way NTP does: the database's time against this host's at the
 * middle of the round trip. A payment deadline has passed when the database says so (the
 * guard in {@code Orders}), so timers are held until they are due by the database's
 * clock: a consumer ahead would otherwise find its orders not yet due and schedule them
 * again, and one behind would apply them late by its lag.
 * <p>
 * A reading is only as exact as half its round trip: the database read its clock at some
 * moment between sending and receiving. Timers are held until the latest host instant at
 * which the database's clock can have reached their due time, so that none is applied
 * before it by the database's clock (at most half a round trip late, well under a
 * millisecond on a local network). A reading whose round trip took longer than
 * {@link #SLOW_ROUND_TRIP} (a busy connection pool, a stalled link) would hold every
 * timer by half of it, so it is dropped for the last quick one, as NTP drops its slow
 * samples.
 */
@Component
class DatabaseClock {

	private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

	/** An offset worth an operator's attention: hosts should be synchronised (NTP). */
	private static final Duration NOTABLE = Duration.ofMillis(500);

	/** Far above a round trip to a database nearby, far below a timer's tolerance. */
	static final Duration SLOW_ROUND_TRIP = Duration.ofMillis(100);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Reading last = Reading.NONE;

	DatabaseClock(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("order.clock.ahead.of.database", () -> this.last.hostAhead().toNanos() / 1e9)
			.description("How far this host's clock runs ahead of the database's (negative: behind)")
			.baseUnit("seconds")
			.register(meters);
	}

	@Scheduled(initialDelay = 0, fixedDelay = 30_000)
	void measure() {
		try {
			long start = System.nanoTime();
			Instant sent = this.clock.instant();
			Instant database = this.jdbc.sql("SELECT statement_timestamp()")
				.query(OffsetDateTime.class)
				.single()
				.toInstant();
			Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
			if (roundTrip.compareTo(SLOW_ROUND_TRIP) > 0 && this.last != Reading.NONE) {
				log.debug("Reading the database's clock took {}; keeping the last offset ({})", roundTrip, hostAhead());
				return;
			}
			Duration halfRoundTrip = roundTrip.dividedBy(2);
			Instant hostAtDatabase = sent.plus(halfRoundTrip);
			Duration ahead = Duration.between(database, hostAtDatabase);
			if (ahead.abs().compareTo(NOTABLE) >= 0) {
				log.warn("This host's clock runs {} {} the database's; timers are held until they are due by the "
						+ "database's clock", ahead.abs(), ahead.isNegative() ? "behind" : "ahead of");
			}
			this.last = new Reading(ahead, halfRoundTrip);
		}
		catch (DataAccessException ex) {
			log.debug("Could not read the database's clock; keeping the last offset ({}): {}", hostAhead(),
					ex.toString());
		}
	}

	Duration hostAhead() {
		return this.last.hostAhead();
	}

	/**
	 * The latest instant by this host's clock at which the database's clock can have
	 * reached {@code databaseInstant}.
	 */
	Instant onHostClock(Instant databaseInstant) {
		Reading reading = this.last;
		return databaseInstant.plus(reading.hostAhead()).plus(reading.uncertainty());
	}

	/**
	 * One reading of the database's clock: how far this host ran ahead of it, give or
	 * take half the round trip.
	 */
	private record Reading(Duration hostAhead, Duration uncertainty) {

		static final Reading NONE = new Reading(Duration.ZERO, Duration.ZERO);

	}

}
