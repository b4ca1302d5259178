package io.orderflow.order;

import java.time.Instant;

/**
 * How a paid order left the warehouse, and when it completes unless the customer confirms
 * receipt first.
 */
public record Shipment(String carrier, String trackingNo, Instant shippedAt, Instant autoCompleteAt) {
}
