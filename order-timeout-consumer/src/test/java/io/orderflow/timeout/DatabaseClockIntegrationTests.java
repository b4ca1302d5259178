package io.orderflow.timeout;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consumer host whose clock is off holds timers until they are due by the database's
 * clock, which decides whether a payment deadline has passed.
 */
class DatabaseClockIntegrationTests extends TimeoutConsumerIntegrationTest {

	private static final Duration SKEW = Duration.ofSeconds(30);

	/** Generous: the round trip to the database and a busy machine. */
	private static final Duration TOLERANCE = Duration.ofSeconds(2);

	@Autowired
	private DatabaseClock appsClock;

	@Autowired
	private DataSource dataSource;

	@Test
	void aHostAheadOfTheDatabaseHoldsATimerThatMuchLonger() {
		DatabaseClock clock = measuredWith(Clock.offset(Clock.systemUTC(), SKEW));
		Instant deadline = Instant.parse("2026-12-02T04:00:00Z");

		assertThat(clock.hostAhead()).isBetween(SKEW.minus(TOLERANCE), SKEW.plus(TOLERANCE));
		assertThat(clock.onHostClock(deadline)).isBetween(deadline.plus(clock.hostAhead()),
				deadline.plus(clock.hostAhead()).plus(TOLERANCE));
	}

	@Test
	void aHostBehindTheDatabaseHoldsATimerThatMuchShorter() {
		DatabaseClock clock = measuredWith(Clock.offset(Clock.systemUTC(), SKEW.negated()));

		assertThat(clock.hostAhead()).isBetween(SKEW.negated().minus(TOLERANCE), SKEW.negated().plus(TOLERANCE));
	}

	/**
	 * On the database's own clock a reading is off by up to half its round trip either
	 * way; held by an offset read a little ahead, a timer would be applied before it is
	 * due. Many readings, so that some are.
	 */
	@Test
	void aHostOnTheDatabasesClockNeverHoldsATimerShorterThanItsDueTime() {
		Instant deadline = Instant.parse("2026-12-02T04:00:00Z");
		for (int reading = 0; reading < 50; reading++) {
			DatabaseClock clock = measuredWith(Clock.systemUTC());

			assertThat(clock.onHostClock(deadline)).isAfterOrEqualTo(deadline).isBefore(deadline.plus(TOLERANCE));
		}
	}

	/**
	 * A reading that waited for its connection (a busy pool) says little about the clocks
	 * and would hold every timer by half its wait: the last quick reading stays.
	 */
	@Test
	void aSlowReadingDoesNotReplaceAQuickOne() {
		AtomicBoolean slow = new AtomicBoolean();
		DataSource slowToConnect = new DelegatingDataSource(this.dataSource) {
			@Override
			public Connection getConnection() throws SQLException {
				if (slow.get()) {
					LockSupport.parkNanos(DatabaseClock.SLOW_ROUND_TRIP.multipliedBy(2).toNanos());
				}
				return super.getConnection();
			}
		};
		DatabaseClock clock = new DatabaseClock(JdbcClient.create(slowToConnect), Clock.systemUTC(),
				new SimpleMeterRegistry());
		Instant deadline = Instant.parse("2026-12-02T04:00:00Z");
		clock.measure();
		Instant heldUntil = clock.onHostClock(deadline);

		slow.set(true);
		clock.measure();

		assertThat(clock.onHostClock(deadline)).isEqualTo(heldUntil);
	}

	@Test
	void theAppsOwnClockIsMeasuredAgainstTheDatabaseFromTheStart() {
		assertThat(this.appsClock.hostAhead().abs()).isLessThan(TOLERANCE);
	}

	private DatabaseClock measuredWith(Clock hostClock) {
		DatabaseClock clock = new DatabaseClock(this.jdbc, hostClock, new SimpleMeterRegistry());
		clock.measure();
		return clock;
	}

}
