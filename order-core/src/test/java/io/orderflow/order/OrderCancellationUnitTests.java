package io.orderflow.order;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderCancellationUnitTests {

	private static final Instant DATABASE_NOW = Instant.parse("2026-12-02T03:00:00Z");

	@Test
	void aHostAheadOfTheDatabaseDelaysANewTimerByItsLead() {
		assertThat(OrderCancellation.aheadOf(DATABASE_NOW, DATABASE_NOW.plusMillis(1800)))
			.isEqualTo(Duration.ofMillis(1800));
	}

	@Test
	void aHostBehindOrInStepWithTheDatabaseDelaysNothing() {
		assertThat(OrderCancellation.aheadOf(DATABASE_NOW, DATABASE_NOW.minusSeconds(2))).isZero();
		assertThat(OrderCancellation.aheadOf(DATABASE_NOW, DATABASE_NOW)).isZero();
	}

}
