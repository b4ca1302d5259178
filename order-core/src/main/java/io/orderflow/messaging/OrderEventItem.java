package io.orderflow.messaging;

/**
 * An order line as carried by events: what inventory needs to reserve, release or commit
 * stock. {@code unitPrice} is a decimal string with two places.
 */
public record OrderEventItem(String sku, int quantity, String unitPrice) {
}
