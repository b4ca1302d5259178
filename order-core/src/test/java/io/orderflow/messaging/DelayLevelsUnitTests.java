package io.orderflow.messaging;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelayLevelsUnitTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void writesTheDelayInBinaryMostSignificantLevelFirst() {
		assertThat(DelayLevels.routingKey(10, "payment-timeout"))
			.isEqualTo("0.".repeat(24) + "1.0.1.0.payment-timeout");
	}

	@Test
	void aDueTimerSkipsEveryLevel() {
		assertThat(DelayLevels.routingKey(0, "t")).isEqualTo("0.".repeat(28) + "t");
	}

	@Test
	void theLongestDelayWaitsAtEveryLevel() {
		assertThat(DelayLevels.routingKey(DelayLevels.MAX_DELAY_SECONDS, "t")).isEqualTo("1.".repeat(28) + "t");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DelayLevels.routingKey(DelayLevels.MAX_DELAY_SECONDS + 1, "t"));
	}

	@Test
	void roundsAPartSecondUpSoThatATimerIsNeverEarly() {
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(1), NOW)).isEqualTo(1);
		assertThat(DelayLevels.delaySeconds(NOW.plusSeconds(5), NOW)).isEqualTo(5);
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(5001), NOW)).isEqualTo(6);
	}

	@Test
	void aTimerAlreadyDueHasNoDelay() {
		assertThat(DelayLevels.delaySeconds(NOW, NOW)).isZero();
		assertThat(DelayLevels.delaySeconds(NOW.minusSeconds(30), NOW)).isZero();
	}

	@Test
	void capsDelaysBeyondTheLongestLevel() {
		assertThat(DelayLevels.delaySeconds(NOW.plus(Duration.ofDays(365 * 20)), NOW))
			.isEqualTo(DelayLevels.MAX_DELAY_SECONDS);
	}

	@Test
	void aLevelBindingLooksAtItsOwnBitOnly() {
		assertThat(DelayLevels.bindingKey(27, '1')).isEqualTo("1.#");
		assertThat(DelayLevels.bindingKey(0, '0')).isEqualTo("*.".repeat(27) + "0.#");
		assertThat(DelayLevels.ttlMillis(3)).isEqualTo(8000);
	}

}
