package io.orderflow.timeout;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import com.rabbitmq.client.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

import io.orderflow.messaging.AutoCompletionTimer;
import io.orderflow.messaging.OrderTimer;
import io.orderflow.messaging.PaymentReminderTimer;
import io.orderflow.messaging.PaymentTimeoutTimer;
import io.orderflow.monitoring.LogFields;

/**
 * Takes due timers from their queues and hands them to their {@link DueTimerBatcher},
 * which holds each until it is due (by the database's clock, see {@link DatabaseClock})
 * and applies it in a batch. The message is acknowledged when the returned future
 * completes, after its batch committed: also when there was nothing to do (an order
 * already paid, cancelled or completed, or unknown), which is an expected outcome.
 *
 * <p>
 * The body is read here rather than by a message converter: Spring's default error
 * handler silently drops messages that fail conversion when they carry an {@code x-death}
 * header, as every dead-lettered timer does. A malformed timer (unreadable, too large, or
 * out of bounds) is rejected at once and its queue dead-letters it to the parking lot.
 */
@Component
class DueTimerListeners {

	private static final Logger log = LoggerFactory.getLogger(DueTimerListeners.class);

	private final DueTimerBatcher<PaymentTimeoutTimer> paymentTimeouts;

	private final DueTimerBatcher<AutoCompletionTimer> autoCompletions;

	private final DueTimerBatcher<PaymentReminderTimer> paymentReminders;

	private final MessageReader reader;

	private final DatabaseClock databaseClock;

	DueTimerListeners(DueTimerBatcher<PaymentTimeoutTimer> paymentTimeouts,
			DueTimerBatcher<AutoCompletionTimer> autoCompletions,
			DueTimerBatcher<PaymentReminderTimer> paymentReminders, MessageReader reader, DatabaseClock databaseClock) {
		this.paymentTimeouts = paymentTimeouts;
		this.autoCompletions = autoCompletions;
		this.paymentReminders = paymentReminders;
		this.reader = reader;
		this.databaseClock = databaseClock;
	}

	@RabbitListener(id = "payment-timeout", queues = "#{@topology.paymentTimeoutQueue()}",
			containerFactory = TimerListenerConfiguration.CONTAINER_FACTORY)
	CompletableFuture<Void> onPaymentTimerDue(Message message, Channel channel) {
		return hold(message, channel, PaymentTimeoutTimer.class, this.paymentTimeouts);
	}

	@RabbitListener(id = "auto-completion", queues = "#{@topology.autoCompletionQueue()}",
			containerFactory = TimerListenerConfiguration.CONTAINER_FACTORY)
	CompletableFuture<Void> onAutoCompletionDue(Message message, Channel channel) {
		return hold(message, channel, AutoCompletionTimer.class, this.autoCompletions);
	}

	@RabbitListener(id = "payment-reminder", queues = "#{@topology.paymentReminderQueue()}",
			containerFactory = TimerListenerConfiguration.CONTAINER_FACTORY)
	CompletableFuture<Void> onPaymentReminderDue(Message message, Channel channel) {
		return hold(message, channel, PaymentReminderTimer.class, this.paymentReminders);
	}

	private <T extends OrderTimer> CompletableFuture<Void> hold(Message message, Channel channel, Class<T> type,
			DueTimerBatcher<T> batcher) {
		T timer;
		try (var messageId = LogFields.set(LogFields.MESSAGE_ID, message.getMessageProperties().getMessageId())) {
			timer = this.reader.read(message, type);
			MessageReader.requireOrderNo(message, type, timer.orderNo());
		}
		catch (MalformedMessageException ex) {
			log.warn("Parking timer: {}", ex.getMessage());
			return CompletableFuture.failedFuture(new AmqpRejectAndDontRequeueException(ex.getMessage(), ex));
		}
		// due by the database's clock, which decides
		Instant due = timer.dueAt();
		return batcher.hold(timer, (due != null) ? this.databaseClock.onHostClock(due) : null, channel::isOpen);
	}

}
