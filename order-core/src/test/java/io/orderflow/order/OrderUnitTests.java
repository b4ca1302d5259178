package io.orderflow.order;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OrderUnitTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@Test
	void aPlacedOrderAwaitsPaymentUntilItsDeadline() {
		NewOrder newOrder = new NewOrder("c-42", Currency.getInstance("CNY"), List
			.of(new OrderLine("SKU-1", 2, new BigDecimal("19.90")), new OrderLine("SKU-2", 3, new BigDecimal("0.10"))),
				Duration.ofMinutes(30));

		Order order = Order.placed("N", newOrder, NOW);

		assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
		assertThat(order.isAwaitingPayment()).isTrue();
		assertThat(order.totalAmount()).isEqualTo(new BigDecimal("40.10"));
		assertThat(order.paymentDeadline()).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
		assertThat(order.cancelReason()).isNull();
	}

	@Test
	void amountsKeepTwoDecimalPlaces() {
		assertThat(new OrderLine("S", 3, new BigDecimal("5")).lineTotal().toPlainString()).isEqualTo("15.00");
		assertThatExceptionOfType(ArithmeticException.class)
			.isThrownBy(() -> new OrderLine("S", 1, new BigDecimal("1.999")));
	}

	@Test
	void refusesWhatWouldBreakTheDomain() {
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderLine("S", 0, BigDecimal.ONE));
		assertThatIllegalArgumentException().isThrownBy(() -> new OrderLine("S", 1, new BigDecimal("-1")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new NewOrder("c", Currency.getInstance("CNY"), List.of(), Duration.ofMinutes(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new NewOrder("c", Currency.getInstance("CNY"),
				List.of(new OrderLine("S", 1, BigDecimal.ONE)), Duration.ZERO));
	}

}
