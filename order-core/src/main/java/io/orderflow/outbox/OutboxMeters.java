package io.orderflow.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the outbox tells Prometheus: how many rows wait to be published and how old the
 * oldest is ({@code order.outbox.backlog}, {@code order.outbox.oldest.age}), what the
 * relay's publishes came to ({@code order.outbox.publishes}, tags {@code kind} and
 * {@code outcome}), and which events committed ({@code order.events.committed}, tag
 * {@code type}: every order transition writes exactly one).
 *
 * <p>
 * The backlog is counted every {@code order.monitoring.refresh-interval} with one query
 * on the unpublished rows' partial index, never on a scrape; the oldest row's age is
 * measured against the clock when read, so it keeps growing between counts while nothing
 * moves.
 */
@Component
class OutboxMeters {

	private static final Logger log = LoggerFactory.getLogger(OutboxMeters.class);

	private final OutboxRepository repository;

	private final MeterRegistry meters;

	private final Clock clock;

	private volatile double rows = Double.NaN;

	private volatile double oldestAgeSeconds = Double.NaN;

	OutboxMeters(OutboxRepository repository, MeterRegistry meters, Clock clock) {
		this.repository = repository;
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("order.outbox.backlog", this, OutboxMeters::rows)
			.description("Outbox rows not yet published")
			.baseUnit("rows")
			.register(meters);
		Gauge.builder("order.outbox.oldest.age", this, OutboxMeters::oldestAgeSeconds)
			.description("Age of the oldest outbox row not yet published; 0 when there is none")
			.baseUnit("seconds")
			.register(meters);
		for (OutboxMessage.Kind kind : OutboxMessage.Kind.values()) {
			// at zero from the start, so that a rate or increase sees the first failure
			publishes(kind, "confirmed");
			publishes(kind, "failed");
		}
	}

	@Scheduled(fixedDelayString = "${order.monitoring.refresh-interval:10s}")
	void refresh() {
		try {
			OutboxRepository.Backlog backlog = this.repository.backlog();
			Instant oldest = backlog.oldestCreatedAt();
			this.rows = backlog.rows();
			this.oldestAgeSeconds = (oldest != null)
					? Math.max(Duration.between(oldest, this.clock.instant()).toMillis(), 0) / 1000.0 : 0;
		}
		catch (DataAccessException ex) {
			this.rows = Double.NaN;
			this.oldestAgeSeconds = Double.NaN;
			log.debug("Could not count the outbox backlog: {}", ex.toString());
		}
	}

	void published(OutboxMessage message, boolean confirmed) {
		publishes(message.kind(), confirmed ? "confirmed" : "failed").increment();
	}

	void committed(List<OutboxMessage> messages) {
		for (OutboxMessage message : messages) {
			if (message.kind() == OutboxMessage.Kind.EVENT) {
				this.meters.counter("order.events.committed", "type", message.destination()).increment();
			}
		}
	}

	private Counter publishes(OutboxMessage.Kind kind, String outcome) {
		return this.meters.counter("order.outbox.publishes", "kind", kind.name(), "outcome", outcome);
	}

	private double rows() {
		return this.rows;
	}

	private double oldestAgeSeconds() {
		return this.oldestAgeSeconds;
	}

}
