package io.orderflow.timeout;

import org.jspecify.annotations.Nullable;

/**
 * A message that is not what its queue carries: unreadable, too large, out of bounds, or
 * an inventory answer not sent by inventory. Retrying cannot help: it goes straight to
 * the queue's parking lot.
 */
class MalformedMessageException extends RuntimeException {

	MalformedMessageException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
