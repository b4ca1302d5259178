package io.orderflow.timeout;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;

/**
 * The safety net for lost timers: cancels unpaid orders overdue by more than the grace
 * period. Safe with several instances ({@code FOR UPDATE SKIP LOCKED}). Every order it
 * cancels is logged and counted in {@code order.sweeper.cancelled}; in a healthy system
 * that count stays zero, so alert on it.
 */
@Component
@ConditionalOnBooleanProperty(name = "order.timeout.sweeper.enabled", matchIfMissing = true)
class OverdueOrderSweeper {

	private static final Logger log = LoggerFactory.getLogger(OverdueOrderSweeper.class);

	private final OrderCancellation cancellation;

	private final TimeoutProperties.Sweeper properties;

	private final Counter cancelled;

	OverdueOrderSweeper(OrderCancellation cancellation, TimeoutProperties properties, MeterRegistry meters) {
		this.cancellation = cancellation;
		this.properties = properties.sweeper();
		this.cancelled = meters.counter("order.sweeper.cancelled");
	}

	@Scheduled(fixedDelayString = "${order.timeout.sweeper.interval:30s}",
			initialDelayString = "${order.timeout.sweeper.interval:30s}")
	int sweep() {
		int total = 0;
		List<Order> batch;
		do {
			batch = this.cancellation.cancelOrdersOverdueBy(this.properties.grace(), this.properties.batchSize());
			total += batch.size();
			this.cancelled.increment(batch.size());
		}
		while (batch.size() == this.properties.batchSize());
		if (total > 0) {
			log.warn("Sweeper cancelled {} orders overdue by more than {}: their payment timers were lost", total,
					this.properties.grace());
		}
		return total;
	}

}
