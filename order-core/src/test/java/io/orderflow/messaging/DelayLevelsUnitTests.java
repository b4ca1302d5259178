package io.orderflow.messaging;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelayLevelsUnitTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	private static final Duration LEAD = Duration.ofMillis(1000);

	@Test
	void namesTheLevelsOfTheDelayShortestFirst() {
		assertThat(DelayLevels.routingKey(1800, "payment-timeout")).isEqualTo("L03.L08.L09.L10.payment-timeout");
		assertThat(DelayLevels.routingKey(10, "payment-timeout")).isEqualTo("L01.L03.payment-timeout");
	}

	@Test
	void aDueTimerPassesNoLevel() {
		assertThat(DelayLevels.routingKey(0, "t")).isEqualTo("t");
	}

	@Test
	void theLongestDelayWaitsAtEveryLevel() {
		String key = DelayLevels.routingKey(DelayLevels.MAX_DELAY_SECONDS, "auto-completion");
		assertThat(key).startsWith("L00.L01.").endsWith(".L26.L27.auto-completion");
		assertThat(key.split("\\.")).hasSize(DelayLevels.COUNT + 1);
		assertThat(key.length()).isLessThanOrEqualTo(255); // AMQP's limit for a routing
															// key
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DelayLevels.routingKey(DelayLevels.MAX_DELAY_SECONDS + 1, "t"));
	}

	@Test
	void withoutItsDelayATimersKeyIsTheTimersName() {
		assertThat(DelayLevels.withoutDelay(DelayLevels.routingKey(1800, "payment-timeout")))
			.isEqualTo("payment-timeout");
		assertThat(DelayLevels.withoutDelay(DelayLevels.routingKey(DelayLevels.MAX_DELAY_SECONDS, "auto-completion")))
			.isEqualTo("auto-completion");
		assertThat(DelayLevels.withoutDelay("payment-reminder")).isEqualTo("payment-reminder");
	}

	@Test
	void otherKeysKeepEveryWord() {
		assertThat(DelayLevels.withoutDelay("order.created")).isEqualTo("order.created");
		assertThat(DelayLevels.withoutDelay("L01")).isEqualTo("L01");
		assertThat(DelayLevels.withoutDelay("Lab.x")).isEqualTo("Lab.x");
		assertThat(DelayLevels.withoutDelay("")).isEmpty();
	}

	@Test
	void aTimerArrivesBetweenTheLeadAndOneSecondMoreBeforeItIsDue() {
		// due in 3.005 s: waits 2 s, arrives 1.005 s early, and is held until it is due
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(3005), NOW, LEAD)).isEqualTo(2);
		assertThat(DelayLevels.routingKey(2, "t")).isEqualTo("L01.t");
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(3000), NOW, LEAD)).isEqualTo(2);
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(2999), NOW, LEAD)).isEqualTo(1);
		assertThat(DelayLevels.delaySeconds(NOW.plusSeconds(1800), NOW, LEAD)).isEqualTo(1799);
	}

	@Test
	void aTimerDueWithinTheLeadHasNoDelay() {
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(1999), NOW, LEAD)).isEqualTo(0);
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(5), NOW, LEAD)).isZero();
		assertThat(DelayLevels.delaySeconds(NOW, NOW, LEAD)).isZero();
		assertThat(DelayLevels.delaySeconds(NOW.minusSeconds(30), NOW, LEAD)).isZero();
	}

	@Test
	void withoutALeadATimerIsNeverLateByTheLevelsItself() {
		assertThat(DelayLevels.delaySeconds(NOW.plusMillis(5001), NOW, Duration.ZERO)).isEqualTo(5);
	}

	@Test
	void capsDelaysBeyondTheLongestLevel() {
		assertThat(DelayLevels.delaySeconds(NOW.plus(Duration.ofDays(365 * 20)), NOW, LEAD))
			.isEqualTo(DelayLevels.MAX_DELAY_SECONDS);
	}

	@Test
	void eachExchangeRoutesATimerToTheNextLevelItsKeyNames() {
		assertThat(DelayLevels.entryBinding(10)).isEqualTo("L10.#");
		assertThat(DelayLevels.nextLevelBinding(9, 10)).isEqualTo("#.L09.L10.#");
		assertThat(DelayLevels.lastLevelBinding(3, "payment-timeout")).isEqualTo("#.L03.payment-timeout");
		assertThat(DelayLevels.ttlMillis(3)).isEqualTo(8000);
	}

}
