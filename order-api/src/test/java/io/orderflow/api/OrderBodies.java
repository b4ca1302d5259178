package io.orderflow.api;

import java.util.Collections;
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
				arguments("paymentTimeout", body("paymentTimeout", "\"soon\"")));
	}

	public static Stream<String> boundaryOrders() {
		return Stream.of(body("customerId", quoted("c".repeat(64))), body("paymentTimeout", "\"PT1S\""),
				body("paymentTimeout", "\"P30D\""), item("\"sku\": \"S\", \"quantity\": 1, \"unitPrice\": \"0\""),
				item("\"sku\": " + quoted("s".repeat(64)) + ", \"quantity\": 10000, \"unitPrice\": 0.5"),
				body("items", "[" + String.join(",", Collections.nCopies(100, ITEM)) + "]"),
				body("customerId", quoted("客户-Ωmega-ü")),
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
