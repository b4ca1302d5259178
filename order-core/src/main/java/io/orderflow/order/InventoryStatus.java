package io.orderflow.order;

/**
 * What inventory answered to the order's {@code order.created}.
 */
public enum InventoryStatus {

	RESERVED, REJECTED

}
