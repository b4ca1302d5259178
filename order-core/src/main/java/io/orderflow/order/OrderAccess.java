package io.orderflow.order;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Whose orders a request may read and change. It is checked in the SQL of each read and
 * guarded update, next to the status, so an order outside it behaves exactly like an
 * order that does not exist.
 */
public sealed interface OrderAccess {

	/** Support: every customer's orders. */
	OrderAccess ANY_CUSTOMER = new AnyCustomer();

	static OrderAccess ownedBy(String customerId) {
		return new OwnOrders(customerId);
	}

	/**
	 * The customer whose orders these are, or {@code null} for any customer: the value of
	 * the {@code :owner} parameter in the SQL guards.
	 */
	@Nullable String owner();

	/** Only the orders of this customer. */
	record OwnOrders(String customerId) implements OrderAccess {

		public OwnOrders {
			// a null owner would read as "any customer" in the SQL guards
			Objects.requireNonNull(customerId, "customerId");
		}

		@Override
		public String owner() {
			return this.customerId;
		}

	}

	/** The orders of every customer. */
	record AnyCustomer() implements OrderAccess {

		@Override
		public @Nullable String owner() {
			return null;
		}

	}

}
