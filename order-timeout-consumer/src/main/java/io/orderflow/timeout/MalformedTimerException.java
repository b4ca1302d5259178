package io.orderflow.timeout;

/**
 * A message on the payment-timeout queue that is not a payment timer. Retrying cannot
 * help: it goes straight to the parking lot.
 */
class MalformedTimerException extends RuntimeException {

	MalformedTimerException(String message, Throwable cause) {
		super(message, cause);
	}

}
