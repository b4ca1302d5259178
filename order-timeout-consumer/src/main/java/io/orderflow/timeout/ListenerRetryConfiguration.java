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
	RabbitListenerRetrySettingsCustomizer noRetryForMalformedTimers() {
		return (settings) -> settings.setExceptionPredicate((ex) -> !isMalformedTimer(ex));
	}

	private static boolean isMalformedTimer(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof MalformedTimerException) {
				return true;
			}
		}
		return false;
	}

}
