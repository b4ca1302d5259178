package io.orderflow.monitoring;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The fields that structured log lines carry beside the trace and span id (which tracing
 * puts there itself): the order a line is about and the message being handled. Kept in
 * the MDC of the thread doing the work, and removed when it is done.
 */
public final class LogFields {

	public static final String ORDER_NO = "orderNo";

	public static final String MESSAGE_ID = "messageId";

	private LogFields() {
	}

	/** Sets the field for what follows on this thread; closing removes it. */
	public static MDC.MDCCloseable set(String field, @Nullable String value) {
		return MDC.putCloseable(field, value);
	}

}
