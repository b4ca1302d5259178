package io.orderflow.messaging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The delivery address as {@code order.paid} carries it to the warehouse. Personal data:
 * {@link #toString()} hides it, so that it never reaches a log line.
 */
public record OrderEventAddress(String recipientName, String phone, String country, @Nullable String region,
		String city, @Nullable String district, List<String> lines, @Nullable String postalCode) {

	@Override
	public String toString() {
		return "OrderEventAddress[hidden]";
	}

}
