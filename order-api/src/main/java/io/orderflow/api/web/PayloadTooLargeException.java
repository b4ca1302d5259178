package io.orderflow.api.web;

import java.io.IOException;

/**
 * Thrown while reading a request body that grows past the limit; answered with 413.
 */
class PayloadTooLargeException extends IOException {

	PayloadTooLargeException(long limit) {
		super("Request body exceeds " + limit + " bytes");
	}

}
