package io.orderflow.order;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.orderflow.order.OrderStatus.CANCELLED;
import static io.orderflow.order.OrderStatus.COMPLETED;
import static io.orderflow.order.OrderStatus.PAID;
import static io.orderflow.order.OrderStatus.PENDING_PAYMENT;
import static io.orderflow.order.OrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;

class OrderTransitionUnitTests {

	@Test
	void whatEachStatusMayBecomeIsDerivedFromTheTable() {
		assertThat(PENDING_PAYMENT.next()).containsExactlyInAnyOrder(PAID, CANCELLED);
		assertThat(PAID.next()).containsExactlyInAnyOrder(SHIPPED, CANCELLED);
		assertThat(SHIPPED.next()).containsExactly(COMPLETED);
		assertThat(COMPLETED.next()).isEmpty();
		assertThat(CANCELLED.next()).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(OrderTransition.class)
	void everyTransitionMovesAnOrderOnAndWritesAnEvent(OrderTransition transition) {
		assertThat(transition.from()).isNotEmpty().doesNotContain(transition.to());
		assertThat(transition.event()).startsWith("order.");
	}

	@Test
	void noTransitionLeavesAFinalStatus() {
		for (OrderTransition transition : OrderTransition.values()) {
			assertThat(transition.from()).doesNotContainAnyElementsOf(EnumSet.of(COMPLETED, CANCELLED));
		}
	}

	@Test
	void theGuardsTakeTheirStatesByName() {
		assertThat(OrderTransition.CANCEL_OUT_OF_STOCK.fromNames()).containsExactlyInAnyOrder("PENDING_PAYMENT",
				"PAID");
	}

}
