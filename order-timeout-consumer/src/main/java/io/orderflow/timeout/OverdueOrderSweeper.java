package io.orderflow.timeout;

import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.orderflow.order.Order;
import io.orderflow.order.OrderCancellation;
import io.orderflow.order.OrderFulfilment;

/**
 * The safety net for lost timers: cancels unpaid orders overdue by more than the grace
 * period, and completes shipped orders whose auto-completion is overdue as much. Safe
 * with several instances ({@code FOR UPDATE SKIP LOCKED}). Every order it saves is logged
 * and counted in {@code order.sweeper.cancelled} or {@code order.sweeper.completed}; in a
 * healthy system both stay zero, so alert on them.
 */
@Component
@ConditionalOnBooleanProperty(name = "order.timeout.sweeper.enabled", matchIfMissing = true)
class OverdueOrderSweeper {

	private static final Logger log = LoggerFactory.getLogger(OverdueOrderSweeper.class);

	private final OrderCancellation cancellation;

	private final TimeoutProperties.Sweeper properties;

	private final OrderFulfilment fulfilment;

	private final Counter cancelled;

	private final Counter completed;

	OverdueOrderSweeper(OrderCancellation cancellation, OrderFulfilment fulfilment, TimeoutProperties properties,
			MeterRegistry meters) {
		this.cancellation = cancellation;
		this.fulfilment = fulfilment;
		this.properties = properties.sweeper();
		this.cancelled = meters.counter("order.sweeper.cancelled");
		this.completed = meters.counter("order.sweeper.completed");
	}

	@Scheduled(fixedDelayString = "${order.timeout.sweeper.interval:30s}",
			initialDelayString = "${order.timeout.sweeper.interval:30s}")
	int sweep() {
		int cancelled = sweep(
				() -> this.cancellation.cancelOrdersOverdueBy(this.properties.grace(), this.properties.batchSize()),
				this.cancelled);
		int completed = sweep(
				() -> this.fulfilment.completeOrdersOverdueBy(this.properties.grace(), this.properties.batchSize()),
				this.completed);
		if (cancelled + completed > 0) {
			log.warn("Sweeper cancelled {} unpaid and completed {} shipped orders overdue by more than {}: "
					+ "their timers were lost", cancelled, completed, this.properties.grace());
		}
		return cancelled + completed;
	}

	private int sweep(Supplier<List<Order>> batch, Counter counter) {
		int total = 0;
		List<Order> swept;
		do {
			swept = batch.get();
			total += swept.size();
			counter.increment(swept.size());
		}
		while (swept.size() == this.properties.batchSize());
		return total;
	}

}
