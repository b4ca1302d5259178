package io.orderflow.order;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where an order goes: what the warehouse needs to ship it. Personal data: shown to the
 * order's owner, the warehouse and support only, carried in {@code order.paid}, never
 * logged ({@link #toString()} hides it), and erased on request ({@link AddressErasure}).
 * Input validation happened at the edge.
 *
 * @param country ISO 3166-1 alpha-2 code
 * @param lines one to three address lines (street, building, flat)
 */
public record DeliveryAddress(String recipientName, String phone, String country, @Nullable String region, String city,
		@Nullable String district, List<String> lines, @Nullable String postalCode) {

	public DeliveryAddress {
		if (lines.isEmpty() || lines.size() > 3) {
			throw new IllegalArgumentException("an address has one to three lines, not " + lines.size());
		}
		lines = List.copyOf(lines);
	}

	/** Never the address itself: records are printed into log lines and exceptions. */
	@Override
	public String toString() {
		return "DeliveryAddress[hidden]";
	}

}
