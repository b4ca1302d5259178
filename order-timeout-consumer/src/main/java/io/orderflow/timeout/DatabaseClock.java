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
 */
@Component
class DatabaseClock {

	private static final Logger log = LoggerFactory.getLogger(DatabaseClock.class);

	/** An offset worth an operator's attention: hosts should be synchronised (NTP). */
	private static final Duration NOTABLE = Duration.ofMillis(500);

	private final JdbcClient jdbc;

	private final Clock clock;

	private volatile Duration hostAhead = Duration.ZERO;

	DatabaseClock(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.clock = clock;
		Gauge.builder("order.clock.ahead.of.database", () -> this.hostAhead.toNanos() / 1e9)
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
			Instant hostAtDatabase = sent.plusNanos((System.nanoTime() - start) / 2);
			Duration ahead = Duration.between(database, hostAtDatabase);
			if (ahead.abs().compareTo(NOTABLE) >= 0) {
				log.warn("This host's clock runs {} {} the database's; timers are held until they are due by the "
						+ "database's clock", ahead.abs(), ahead.isNegative() ? "behind" : "ahead of");
			}
			this.hostAhead = ahead;
		}
		catch (DataAccessException ex) {
			log.debug("Could not read the database's clock; keeping the last offset ({}): {}", this.hostAhead,
					ex.toString());
		}
	}

	Duration hostAhead() {
		return this.hostAhead;
	}

	/** When {@code databaseInstant} is by this host's clock. */
	Instant onHostClock(Instant databaseInstant) {
		return databaseInstant.plus(this.hostAhead);
	}

}
