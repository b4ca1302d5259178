package io.orderflow.api.order;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * A page of a customer's orders, newest first. {@code nextCursor} fetches the next page;
 * it is {@code null} on the last one.
 */
@Schema(name = "OrderPage")
record OrderListResponse(List<OrderResponse> items, @Schema(
		description = "opaque; pass it as cursor to get the next page, null on the last page") @Nullable String nextCursor) {

}
