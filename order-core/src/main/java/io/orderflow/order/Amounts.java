package io.orderflow.order;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts carry exactly two decimal places: the precision of the {@code numeric(19,2)}
 * columns, of the API and of the events.
 */
public final class Amounts {

	/** The largest amount the {@code numeric(19, 2)} columns hold. */
	public static final BigDecimal MAX = new BigDecimal("99999999999999999.99");

	private Amounts() {
	}

	/**
	 * @throws ArithmeticException if the value has more than two significant decimals
	 */
	public static BigDecimal twoDecimals(BigDecimal value) {
		return value.setScale(2, RoundingMode.UNNECESSARY);
	}

}
