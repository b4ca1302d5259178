package io.orderflow.order;

import java.math.BigDecimal;

/**
 * One line of an order: a quantity of a SKU at a unit price in the order's currency.
 */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

	public OrderLine {
		if (quantity < 1) {
			throw new IllegalArgumentException("quantity must be at least 1, was " + quantity);
		}
		if (unitPrice.signum() < 0) {
			throw new IllegalArgumentException("unitPrice must not be negative, was " + unitPrice);
		}
		unitPrice = Amounts.twoDecimals(unitPrice);
	}

	public BigDecimal lineTotal() {
		return Amounts.twoDecimals(this.unitPrice.multiply(BigDecimal.valueOf(this.quantity)));
	}

}
