package io.orderflow.timeout;

import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ListenerRetryConfiguration {

	/**
	 * Retries failures that may pass (the database restarting, a lock timeout), not a
	 * malformed message, which would fail the same way every time.
	 */
	@Bean
	RabbitListenerRetrySettingsCustomizer noRetryForMalformedMessages() {
		return (settings) -> settings.setExceptionPredicate((ex) -> !isMalformed(ex));
	}

	private static boolean isMalformed(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedMessageException) {
				return true;
			}
		}
		return false;
	}

}
