package io.orderflow.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bodies of {@code POST /api/orders}: invalid ones, each with the field it gets wrong,
 * and valid ones at the boundaries of each rule.
 */
public final class OrderBodies {

	static final String ITEM = "{\"sku\": \"SKU-1\", \"quantity\": 2, \"unitPrice\": \"19.90\"}";

	private OrderBodies() {
	}

	public static Stream<Arguments> invalidOrders() {
		return Stream.of(arguments("customerId", order("\"currency\": \"CNY\", \"items\": [" + ITEM + "]")),
				arguments("customerId", body("customerId", "\"  \"")),
				arguments("customerId", body("customerId", quoted("c".repeat(65)))),
				arguments("customerId", body("customerId", "\"c-1\\u0000\"")),
				arguments("customerId", body("customerId", "\"c-1\\r\\nINFO forged log line\"")),
				arguments("currency", order("\"customerId\": \"c-1\", \"items\": [" + ITEM + "]")),
				arguments("currency", body("currency", "\"cny\"")), arguments("currency", body("currency", "\"ABC\"")),
				arguments("currency", body("currency", "\"CNYY\"")),
				arguments("items", order("\"customerId\": \"c-1\", \"currency\": \"CNY\"")),
				arguments("items", body("items", "[]")),
				arguments("items", body("items", "[" + String.join(",", Collections.nCopies(101, ITEM)) + "]")),
				arguments("items[0]", body("items", "[null]")),
				arguments("items[0].sku", item("\"quantity\": 1, \"unitPrice\": \"1.00\"")),
				arguments("items[0].sku", item("\"sku\": \"\", \"quantity\": 1, \"unitPrice\": \"1.00\"")),
				arguments("items[0].sku",
						item("\"sku\": " + quoted("s".repeat(65)) + ", \"quantity\": 1, \"unitPrice\": \"1.00\"")),
				arguments("items[0].sku", item("\"sku\": \"S\\u0000\", \"quantity\": 1, \"unitPrice\": \"1.00\"")),
				arguments("items[0].sku", item("\"sku\": \"S\\u009b\", \"quantity\": 1, \"unitPrice\": \"1.00\"")),
				arguments("items", item("\"sku\": \"S\", \"quantity\": 2, \"unitPrice\": \"99999999999999999.99\"")),
				arguments("items[0].quantity", item("\"sku\": \"S\", \"quantity\": 0, \"unitPrice\": \"1.00\"")),
				arguments("items[0].quantity", item("\"sku\": \"S\", \"quantity\": 10001, \"unitPrice\": \"1.00\"")),
				arguments("items[0].quantity", item("\"sku\": \"S\", \"quantity\": 2.5, \"unitPrice\": \"1.00\"")),
				arguments("items[0].quantity", item("\"sku\": \"S\", \"quantity\": \"many\", \"unitPrice\": \"1.00\"")),
				arguments("items[0].unitPrice", item("\"sku\": \"S\", \"quantity\": 1")),
				arguments("items[0].unitPrice", item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"-0.01\"")),
				arguments("items[0].unitPrice", item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"1.999\"")),
				arguments("items[0].unitPrice", item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"free\"")),
				arguments("paymentTimeout", body("paymentTimeout", "\"PT0S\"")),
				arguments("paymentTimeout", body("paymentTimeout", "\"PT0.5S\"")),
				arguments("paymentTimeout", body("paymentTimeout", "\"-PT1M\"")),
				arguments("paymentTimeout", body("paymentTimeout", "\"P31D\"")),
				arguments("paymentTimeout", body("paymentTimeout", "\"soon\"")),
				arguments("deliveryAddress.recipientName", address("recipientName", "\" \"")),
				arguments("deliveryAddress.recipientName", address("recipientName", quoted("r".repeat(101)))),
				arguments("deliveryAddress.recipientName", address("recipientName", "\"Li\\nLei\"")),
				arguments("deliveryAddress.phone", address("phone", "\"call me\"")),
				arguments("deliveryAddress.phone", address("phone", "null")),
				arguments("deliveryAddress.country", address("country", "\"cn\"")),
				arguments("deliveryAddress.country", address("country", "\"XX\"")),
				arguments("deliveryAddress.city", address("city", "\"\"")),
				arguments("deliveryAddress.region", address("region", "\"R\\u0000\"")),
				arguments("deliveryAddress.lines", address("lines", "[]")),
				arguments("deliveryAddress.lines", address("lines", "[\"1\", \"2\", \"3\", \"4\"]")),
				arguments("deliveryAddress.lines[0]", address("lines", "[\"Road 1\\r\\nINFO forged\"]")),
				arguments("deliveryAddress.lines[0]", address("lines", "[" + quoted("l".repeat(201)) + "]")),
				arguments("deliveryAddress.postalCode", address("postalCode", "\"518 057 000 000 000 0\"")),
				arguments("deliveryAddress.postalCode", address("postalCode", "\"#1\"")));
	}

	public static Stream<String> boundaryOrders() {
		return Stream.of(body("customerId", quoted("c".repeat(64))), body("paymentTimeout", "\"PT1S\""),
				body("paymentTimeout", "\"P30D\""), item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"0\""),
				item("\"sku\": " + quoted("s".repeat(64)) + ", \"quantity\": 10000, \"unitPrice\": 0.5"),
				body("items", "[" + String.join(",", Collections.nCopies(100, ITEM)) + "]"),
				body("customerId", quoted("客户-Ωmega-ü")),
				address("recipientName", quoted("Ævar Þórsson-李雷-" + "r".repeat(84))),
				address("lines", "[" + String.join(",", Collections.nCopies(3, quoted("l".repeat(200)))) + "]"),
				item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"99999999999999999.99\""));
	}

	static String body(String field, String json) {
		String customer = "\"customerId\": \"c-1\"";
		String currency = "\"currency\": \"CNY\"";
		String items = "\"items\": [" + ITEM + "]";
		String timeout = "\"paymentTimeout\": \"PT30M\"";
		String replacement = "\"" + field + "\": " + json;
		return order(String.join(", ", field.equals("customerId") ? replacement : customer,
				field.equals("currency") ? replacement : currency, field.equals("items") ? replacement : items,
				field.equals("paymentTimeout") ? replacement : timeout));
	}

	/** A valid order with a delivery address whose {@code field} is {@code json}. */
	static String address(String field, String json) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("recipientName", "\"Li Lei\"");
		fields.put("phone", "\"+86 138 0013 8000\"");
		fields.put("country", "\"CN\"");
		fields.put("region", "\"Guangdong\"");
		fields.put("city", "\"Shenzhen\"");
		fields.put("lines", "[\"Road 1\"]");
		fields.put("postalCode", "\"518057\"");
		fields.put(field, json);
		String address = fields.entrySet()
			.stream()
			.map((entry) -> quoted(entry.getKey()) + ": " + entry.getValue())
			.collect(Collectors.joining(", ", "{", "}"));
		String valid = body("customerId", quoted("c-1"));
		return valid.substring(0, valid.length() - 1) + ", \"deliveryAddress\": " + address + "}";
	}

	static String item(String itemFields) {
		return body("items", "[{" + itemFields + "}]");
	}

	static String order(String fields) {
		return "{" + fields + "}";
	}

	static String quoted(String value) {
		return "\"" + value + "\"";
	}

}
