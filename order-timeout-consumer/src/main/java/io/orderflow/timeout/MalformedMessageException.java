package io.orderflow.timeout;

import org.jspecify.annotations.Nullable;

/**
 * A message that is not what its queue carries. Retrying cannot help: it goes straight to
 * the queue's parking lot.
 */
class MalformedMessageException extends RuntimeException {

	MalformedMessageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
