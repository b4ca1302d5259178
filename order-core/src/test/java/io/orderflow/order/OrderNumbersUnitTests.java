package io.orderflow.order;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OrderNumbersUnitTests {

	private final OrderNumbers numbers = new OrderNumbers();

	@Test
	void areTwentySixCrockfordBase32Characters() {
		assertThat(this.numbers.next(Instant.now())).matches("[0-9A-HJKMNP-TV-Z]{26}");
	}

	@Test
	void sortByTheTimeTheyWereIssued() {
		Instant earlier = Instant.parse("2026-11-22T10:00:00Z");
		String first = this.numbers.next(earlier);
		String second = this.numbers.next(earlier.plusMillis(1));

		assertThat(first).isLessThan(second);
		assertThat(first.substring(0, 10)).isEqualTo(this.numbers.next(earlier).substring(0, 10));
	}

	@Test
	void differInTheirRandomPartWithinOneMillisecond() {
		Instant now = Instant.now();
		Set<String> issued = new HashSet<>();
		IntStream.range(0, 100_000).forEach((i) -> issued.add(this.numbers.next(now)));

		assertThat(issued).hasSize(100_000);
	}

	@Test
	void cannotBeGuessedFromANeighbour() {
		Instant now = Instant.now();
		String one = this.numbers.next(now);
		String other = this.numbers.next(now);

		// 80 random bits: neighbours share the time prefix and nothing else predictable
		assertThat(one.substring(10)).isNotEqualTo(other.substring(10));
	}

}
