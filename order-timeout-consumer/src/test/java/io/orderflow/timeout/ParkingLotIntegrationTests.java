package io.orderflow.timeout;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.rabbitmq.client.GetResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;

import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.order.Order;
import io.orderflow.order.OrderStatus;
import io.orderflow.timeout.parking.ParkedMessage;
import io.orderflow.timeout.parking.ParkingLotCommand;
import io.orderflow.timeout.parking.ParkingLots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bin/parking-lot} on the real broker: a timer the consumer really dead-lettered
 * (rejected from its queue, with the broker's {@code x-death}) is moved back and applied
 * exactly once; nothing else in the parking lot is touched.
 */
class ParkingLotIntegrationTests extends TimeoutConsumerIntegrationTest {

	@Autowired
	CachingConnectionFactory connectionFactory;

	@Autowired
	RabbitListenerEndpointRegistry listeners;

	ParkingLots lots;

	@BeforeEach
	void parkingLots() {
		this.lots = new ParkingLots(this.connectionFactory.getRabbitConnectionFactory(), this.topology);
	}

	@Test
	void aReplayedTimerIsAppliedOnceAndLeavesTheParkingLot() throws Exception {
		Order order = overdueOrder();
		PaymentTimeoutTimer timer = new PaymentTimeoutTimer(UUID.randomUUID(), order.orderNo(),
				order.paymentDeadline());
		park(timer);
		String lot = this.topology.paymentTimeoutParkingLot();

		List<ParkedMessage> shown = this.lots.show(lot, timer.timerId().toString()::equals);
		assertThat(shown).singleElement().satisfies((parked) -> {
			assertThat(parked.reason()).isEqualTo("rejected");
			assertThat(parked.deadLetteredFrom()).isEqualTo(this.topology.paymentTimeoutQueue());
			assertThat(parked.body()).contains(order.orderNo());
		});
		assertThat(messageIdsIn(lot)).contains(timer.timerId().toString());

		List<ParkedMessage> moved = this.lots.replay(lot, timer.timerId().toString()::equals);

		assertThat(moved).extracting(ParkedMessage::messageId).containsExactly(timer.timerId().toString());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(current(order).status()).isEqualTo(OrderStatus.CANCELLED));
		assertThat(messageIdsIn(lot)).doesNotContain(timer.timerId().toString());
		assertThat(this.lots.replay(lot, timer.timerId().toString()::equals)).isEmpty();
		await().atMost(Duration.ofSeconds(5)).until(() -> messagesIn(this.topology.paymentTimeoutQueue()) == 0);
		assertThat(cancelledEvents(order)).isOne();
	}

	@Test
	void droppingOneMessageLeavesTheOthersParked() throws Exception {
		PaymentTimeoutTimer kept = new PaymentTimeoutTimer(UUID.randomUUID(), "ORD-NONE-1", Instant.now());
		PaymentTimeoutTimer dropped = new PaymentTimeoutTimer(UUID.randomUUID(), "ORD-NONE-2", Instant.now());
		park(kept, dropped);
		String lot = this.topology.paymentTimeoutParkingLot();

		assertThat(this.lots.drop(lot, dropped.timerId().toString()::equals)).hasSize(1);

		assertThat(messageIdsIn(lot)).contains(kept.timerId().toString()).doesNotContain(dropped.timerId().toString());
		this.lots.drop(lot, kept.timerId().toString()::equals);
	}

	@Test
	void theCommandReportsWhatItMovedAndRefusesAReplayWithoutASelection() {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

		assertThat(ParkingLotCommand.run(this.lots, out, "replay", "--queue", "payment-timeout")).isEqualTo(2);
		assertThat(ParkingLotCommand.run(this.lots, out, "list")).isZero();

		assertThat(output.toString(StandardCharsets.UTF_8)).contains("needs exactly one of --id MESSAGE_ID and --all")
			.contains(this.topology.paymentTimeoutParkingLot());
	}

	/**
	 * Parks the timer as the consumer does: delivered to its queue while the consumer is
	 * stopped, then rejected without requeue, so that the broker dead-letters it.
	 */
	private void park(PaymentTimeoutTimer... timers) {
		var listener = this.listeners.getListenerContainer("payment-timeout");
		listener.stop();
		try {
			String queue = this.topology.paymentTimeoutQueue();
			for (PaymentTimeoutTimer timer : timers) {
				deliver(timer);
				// other tests' timers may be due in the same queue: reject only this one,
				// and
				// hand the others back once it is found
				await().atMost(Duration.ofSeconds(5)).until(() -> this.rabbit.execute((channel) -> {
					List<Long> others = new ArrayList<>();
					try {
						for (GetResponse response = channel.basicGet(queue, false); response != null; response = channel
							.basicGet(queue, false)) {
							long tag = response.getEnvelope().getDeliveryTag();
							if (timer.timerId().toString().equals(response.getProps().getMessageId())) {
								channel.basicReject(tag, false);
								return true;
							}
							others.add(tag);
						}
						return false;
					}
					finally {
						for (long tag : others) {
							channel.basicReject(tag, true);
						}
					}
				}));
				await().atMost(Duration.ofSeconds(5))
					.until(() -> messageIdsIn(this.topology.paymentTimeoutParkingLot())
						.contains(timer.timerId().toString()));
			}
		}
		finally {
			listener.start();
		}
	}

	private List<String> messageIdsIn(String lot) throws Exception {
		return this.lots.show(lot, (id) -> true).stream().map(ParkedMessage::messageId).toList();
	}

}
