package io.orderflow.timeout;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.OrderStatus;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.timeout.PaymentStatusCheck.Answer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A due timer whose order's payment callback was lost: the gateway is asked first.
 */
class PaymentStatusCheckIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Autowired
	OrderCancellation cancellation;

	@Autowired
	PaymentCallbacks payments;

	@Autowired
	Clock clock;

	@Autowired
	TimerLateness lateness;

	@Test
	void anOrderTheGatewayReportsPaidIsPaidNotCancelled() {
		Order order = overdueOrder();
		PaymentStatusCheck gateway = (checked) -> new Answer.Paid("txn-" + UUID.randomUUID(), checked.totalAmount(),
				checked.currency(), Instant.now());

		handlerAsking(gateway).apply(List.of(timerOf(order)));

		assertThat(current(order).status()).isEqualTo(OrderStatus.PAID);
		assertThat(cancelledEvents(order)).isZero();
	}

	@Test
	void anOrderIsCancelledWhenTheGatewayCannotTell() {
		Order order = overdueOrder();

		handlerAsking((checked) -> new Answer.Unknown("gateway down")).apply(List.of(timerOf(order)));

		assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED);
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void theGatewayIsNotAskedAboutAnOrderThatIsNotOverdue() {
		Order order = placeOrder(Duration.ofMinutes(30));
		PaymentStatusCheck gateway = (checked) -> {
			throw new AssertionError("asked about an order that is not overdue");
		};

		handlerAsking(gateway).apply(List.of(timerOf(order)));

		assertThat(current(order).status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
	}

	private PaymentTimeoutHandler handlerAsking(PaymentStatusCheck gateway) {
		return new PaymentTimeoutHandler(this.cancellation, this.lookup, this.payments, Optional.of(gateway),
				this.meters, this.lateness, this.clock);
	}

	private static PaymentTimeoutTimer timerOf(Order order) {
		return new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(), order.paymentDeadline());
	}

}
