package io.orderflow.order;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How an order is read from the {@code orders} table: the one column list and row mapping
 * that every query of orders shares. Lines are loaded separately.
 */
final class OrderRows {

	static final String COLUMNS = """
			id, order_no, customer_id, status, cancel_reason, currency, total_amount,
			created_at, payment_deadline, paid_at, cancelled_at,
			carrier, tracking_no, shipped_at, auto_complete_at, completed_at, completed_by, inventory_status,
			version, delivery_recipient, delivery_phone, delivery_country, delivery_region, delivery_city,
			delivery_district, delivery_lines, delivery_postal_code, delivery_address_erased_at,
			payment_reminder_sent_at""";

	/** What separates the lines of an address in {@code delivery_lines}. */
	static final String ADDRESS_LINE_BREAK = "\n";

	private OrderRows() {
	}

	static StoredOrder map(ResultSet rs, int rowNum) throws SQLException {
		String cancelReason = rs.getString("cancel_reason");
		String inventoryStatus = rs.getString("inventory_status");
		Order order = new Order(rs.getString("order_no"), rs.getString("customer_id"),
				OrderStatus.valueOf(rs.getString("status")),
				(cancelReason != null) ? CancelReason.valueOf(cancelReason) : null,
				Currency.getInstance(rs.getString("currency")), rs.getBigDecimal("total_amount"), List.of(),
				instant(rs, "created_at"), instant(rs, "payment_deadline"), instant(rs, "paid_at"),
				instant(rs, "cancelled_at"), shipment(rs), completion(rs),
				(inventoryStatus != null) ? InventoryStatus.valueOf(inventoryStatus) : null, rs.getLong("version"),
				deliveryAddress(rs), instant(rs, "delivery_address_erased_at"),
				instant(rs, "payment_reminder_sent_at"));
		return new StoredOrder(rs.getLong("id"), order);
	}

	private static @Nullable Shipment shipment(ResultSet rs) throws SQLException {
		Instant shippedAt = instant(rs, "shipped_at");
		Instant autoCompleteAt = instant(rs, "auto_complete_at");
		return (shippedAt != null && autoCompleteAt != null)
				? new Shipment(rs.getString("carrier"), rs.getString("tracking_no"), shippedAt, autoCompleteAt) : null;
	}

	private static @Nullable DeliveryAddress deliveryAddress(ResultSet rs) throws SQLException {
		String recipient = rs.getString("delivery_recipient");
		if (recipient == null) {
			return null;
		}
		return new DeliveryAddress(recipient, rs.getString("delivery_phone"), rs.getString("delivery_country"),
				rs.getString("delivery_region"), rs.getString("delivery_city"), rs.getString("delivery_district"),
				List.of(rs.getString("delivery_lines").split(ADDRESS_LINE_BREAK)),
				rs.getString("delivery_postal_code"));
	}

	private static @Nullable Completion completion(ResultSet rs) throws SQLException {
		Instant completedAt = instant(rs, "completed_at");
		String completedBy = rs.getString("completed_by");
		return (completedAt != null && completedBy != null)
				? new Completion(completedAt, Completion.CompletedBy.valueOf(completedBy)) : null;
	}

	private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	/** An order with its primary key, which its lines refer to. */
	record StoredOrder(long id, Order order) {
	}

}
