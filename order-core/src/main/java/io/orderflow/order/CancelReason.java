package io.orderflow.order;

/**
 * Why an order was cancelled.
 */
public enum CancelReason {

	/** Nobody paid before the payment deadline. */
	PAYMENT_TIMEOUT,

	/** The customer cancelled before paying. */
	CUSTOMER_REQUEST,

	/** Inventory could not reserve the stock. */
	OUT_OF_STOCK

}
