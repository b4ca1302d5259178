package io.orderflow.order;

import java.util.Set;

/**
 * The versions of an order a change may apply to, from the request's {@code If-Match}:
 * checked in the SQL of the guarded update, next to the status, so that a client that
 * decided on an outdated order changes nothing.
 */
public sealed interface ExpectedVersion {

	/** No condition: whatever the order's version is now. */
	ExpectedVersion ANY = new AnyVersion();

	/**
	 * One of these versions; an empty set matches none (an {@code If-Match} whose tags
	 * are none of ours).
	 */
	static ExpectedVersion oneOf(Set<Long> versions) {
		return new OneOf(Set.copyOf(versions));
	}

	boolean matches(long version);

	/** Any version. */
	record AnyVersion() implements ExpectedVersion {

		@Override
		public boolean matches(long version) {
			return true;
		}

	}

	/** Only these versions. */
	record OneOf(Set<Long> versions) implements ExpectedVersion {

		@Override
		public boolean matches(long version) {
			return this.versions.contains(version);
		}

	}

}
