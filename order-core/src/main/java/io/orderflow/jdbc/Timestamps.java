package io.orderflow.jdbc;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.jspecify.annotations.Nullable;

/**
 * Instants as {@code timestamptz} parameters: the PostgreSQL driver binds
 * {@link OffsetDateTime}, not {@link Instant}.
 */
public final class Timestamps {

	private Timestamps() {
	}

	public static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	public static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
		return (instant != null) ? utc(instant) : null;
	}

}
