package io.orderflow.api.order;

import io.orderflow.api.web.ApiProblem;
import io.orderflow.api.web.Printable;

/**
 * The {@code {orderNo}} of a path. Tomcat itself refuses only NUL, CR and LF there; any
 * other control character, or a number longer than any order number, is refused before it
 * reaches a query.
 */
final class OrderNumberParameter {

	/** As long as {@code orders.order_no} allows. */
	private static final int MAX_LENGTH = 32;

	private OrderNumberParameter() {
	}

	static String require(String orderNo) {
		if (orderNo.length() > MAX_LENGTH || !Printable.Check.isPrintable(orderNo)) {
			throw ApiProblem.invalidField("orderNo",
					"must be at most " + MAX_LENGTH + " characters without control characters");
		}
		return orderNo;
	}

}
