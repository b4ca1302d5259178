/**
 * {@code bin/parking-lot}: lists, shows, replays and drops the messages the consumer
 * parked. Runs as a command from the consumer's jar ({@link ParkingLotCommand}), not in
 * the running consumer.
 */
@NullMarked
package io.orderflow.timeout.parking;

import org.jspecify.annotations.NullMarked;
