package io.orderflow.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Where domain code puts the messages its changes cause. Must be called inside the
 * transaction of that change: the message then exists if, and only if, the change
 * committed.
 *
 * <p>
 * The messages of a transaction are collected and written in one batch just before it
 * commits (one round trip, however many a transaction writes), and the relay is woken
 * once it has committed.
 */
@Component
public class Outbox {

	private final OutboxRepository repository;

	private final OutboxRelay relay;

	private final JsonMapper json;

	private final OutboxMeters meters;

	private final TraceParents traceParents;

	Outbox(OutboxRepository repository, OutboxRelay relay, JsonMapper json, OutboxMeters meters,
			TraceParents traceParents) {
		this.repository = repository;
		this.relay = relay;
		this.json = json;
		this.meters = meters;
		this.traceParents = traceParents;
	}

	/**
	 * An event, published to the events exchange with {@code routingKey} right after
	 * commit.
	 */
	public void addEvent(UUID eventId, String routingKey, Object payload, Instant now) {
		add(new OutboxMessage(eventId, OutboxMessage.Kind.EVENT, routingKey, this.json.writeValueAsString(payload),
				null, now, 0, this.traceParents.current()));
	}

	/**
	 * A timer, delivered to the queues bound to {@code timerName} at {@code deliverAt}.
	 */
	public void addTimer(UUID timerId, String timerName, Object payload, Instant deliverAt, Instant now) {
		add(new OutboxMessage(timerId, OutboxMessage.Kind.TIMER, timerName, this.json.writeValueAsString(payload),
				deliverAt, now, 0, this.traceParents.current()));
	}

	/**
	 * Replaces {@code field} with {@code null} in the events with {@code routingKey} of
	 * these orders that the outbox still holds, published or not: personal data a
	 * customer asked to erase.
	 * @return how many events it changed
	 */
	public int redactEventField(String routingKey, Collection<String> orderNos, String field) {
		return orderNos.isEmpty() ? 0 : this.repository.redactEventField(routingKey, orderNos, field);
	}

	private void add(OutboxMessage message) {
		Assert.state(TransactionSynchronizationManager.isActualTransactionActive(),
				"Outbox messages must be written in the transaction of the change that causes them");
		PendingWrites pending = (PendingWrites) TransactionSynchronizationManager.getResource(this);
		if (pending == null) {
			pending = new PendingWrites();
			TransactionSynchronizationManager.bindResource(this, pending);
			TransactionSynchronizationManager.registerSynchronization(pending);
		}
		pending.messages.add(message);
	}

	/**
	 * The messages one transaction wrote so far. Bound to the transaction like a
	 * connection: unbound while an inner transaction runs, and when it completes.
	 */
	private final class PendingWrites implements TransactionSynchronization {

		private final List<OutboxMessage> messages = new ArrayList<>();

		@Override
		public void suspend() {
			TransactionSynchronizationManager.unbindResource(Outbox.this);
		}

		@Override
		public void resume() {
			TransactionSynchronizationManager.bindResource(Outbox.this, this);
		}

		@Override
		public void beforeCommit(boolean readOnly) {
			Outbox.this.repository.insert(this.messages);
		}

		@Override
		public void afterCommit() {
			Outbox.this.relay.wakeUp();
			Outbox.this.meters.committed(this.messages);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(Outbox.this);
		}

	}

}
