package io.orderflow.timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.orderflow.messaging.Topology;

/**
 * {@code order.parking.lot.messages}, tag {@code queue}: how many messages wait in each
 * parking lot. Nothing consumes the parking lots, so any message there waits for a
 * person. Counted with a passive declare every {@code order.monitoring.refresh-interval},
 * not on each scrape; NaN while the broker cannot be asked.
 */
@Component
class ParkingLotMeters {

	private static final Logger log = LoggerFactory.getLogger(ParkingLotMeters.class);

	private final AmqpAdmin admin;

	private final List<String> parkingLots;

	private final Map<String, Double> depths = new ConcurrentHashMap<>();

	ParkingLotMeters(AmqpAdmin admin, Topology topology, MeterRegistry meters) {
		this.admin = admin;
		this.parkingLots = List.of(topology.paymentTimeoutParkingLot(), topology.autoCompletionParkingLot(),
				topology.paymentReminderParkingLot(), topology.inventoryEventsParkingLot());
		for (String queue : this.parkingLots) {
			Gauge.builder("order.parking.lot.messages", this.depths, (depths) -> depths.getOrDefault(queue, Double.NaN))
				.description("Messages waiting in a parking lot for a person to look at")
				.tag("queue", queue)
				.register(meters);
		}
	}

	@Scheduled(fixedDelayString = "${order.monitoring.refresh-interval:10s}")
	void refresh() {
		for (String queue : this.parkingLots) {
			try {
				QueueInformation info = this.admin.getQueueInfo(queue);
				this.depths.put(queue, (info != null) ? info.getMessageCount() : Double.NaN);
			}
			catch (AmqpException ex) {
				this.depths.put(queue, Double.NaN);
				log.debug("Could not count the messages in {}: {}", queue, ex.toString());
			}
		}
	}

}
