package io.orderflow.api;

/**
 * Names the controllers' OpenAPI annotations share with the document's components
 * ({@link OpenApiConfiguration}): the tags.
 */
public final class ApiDocs {

	/** Tag of placing, reading, listing and cancelling orders. */
	public static final String ORDERS = "orders";

	/** Tag of shipping orders and confirming their receipt. */
	public static final String FULFILMENT = "fulfilment";

	/** Tag of what support does with a customer's personal data. */
	public static final String CUSTOMER_DATA = "customer-data";

	/** Tag of the payment gateway's callbacks. */
	public static final String PAYMENTS = "payments";

	private ApiDocs() {
	}

}
