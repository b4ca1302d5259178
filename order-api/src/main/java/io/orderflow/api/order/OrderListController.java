package io.orderflow.api.order;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.ApiDocs;
import io.orderflow.api.security.Caller;
import io.orderflow.api.security.Scopes;
import io.orderflow.api.web.ApiProblem;
import io.orderflow.api.web.Printable;
import io.orderflow.order.OrderHistory;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.OrderPage;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.PageCursor;

@RestController
@Tag(name = ApiDocs.ORDERS)
class OrderListController {

	private static final int DEFAULT_LIMIT = 20;

	private static final int MAX_LIMIT = 100;

	private static final String STATUSES = Arrays.stream(OrderStatus.values())
		.map(OrderStatus::name)
		.collect(Collectors.joining(", "));

	private final OrderHistory history;

	private final OrderLookup lookup;

	OrderListController(OrderHistory history, OrderLookup lookup) {
		this.history = history;
		this.lookup = lookup;
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.READ, Scopes.ADMIN })
	@Operation(operationId = "listOrders", summary = "List a customer's orders, newest first",
			description = "A customer lists their own orders (customerId may be left out; another customer's id "
					+ "answers 403); support lists any customer's. "
					+ "Pages through the orders with nextCursor: pass it as cursor to get the next page; "
					+ "it is null on the last page. An order past its payment deadline is never shown as payable: "
					+ "listing it cancels it, so a page filtered by PENDING_PAYMENT may hold fewer than limit orders.")
	@ApiResponse(responseCode = "200", description = "A page of orders", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "A blank or over-64-character customerId, an unknown status, a limit outside 1 to 100, "
					+ "or a cursor this API did not return")
	@ApiResponse(responseCode = "403",
			description = "The token lacks the scope, or a customer asked for another customer's orders")
	@GetMapping("/api/orders")
	OrderListResponse orders(
			@RequestParam(required = false) @Parameter(
					description = "1-64 characters; the caller's own id when left out") @Nullable String customerId,
			@RequestParam(required = false) @Parameter(description = "only orders in this status",
					schema = @Schema(implementation = OrderStatus.class)) @Nullable String status,
			@RequestParam(required = false) @Parameter(description = "page size, 1-100, default 20",
					schema = @Schema(type = "integer", minimum = "1", maximum = "100",
							defaultValue = "20")) @Nullable String limit,
			@RequestParam(required = false) @Parameter(
					description = "nextCursor of the previous page") @Nullable String cursor,
			@Parameter(hidden = true) Authentication authentication) {
		Caller caller = Caller.of(authentication);
		String customer = customerId((customerId != null) ? customerId : caller.defaultCustomerToList());
		if (!caller.mayList(customer)) {
			throw new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "A customer can only list their own orders");
		}
		OrderStatus wanted = (status != null) ? status(status) : null;
		int pageSize = (limit != null) ? limit(limit) : DEFAULT_LIMIT;
		PageCursor after = (cursor != null) ? cursor(cursor) : null;
		OrderPage page = this.history.findByCustomer(customer, wanted, pageSize, after);
		List<OrderResponse> items = page.items()
			.stream()
			.map(this.lookup::expireIfOverdue)
			.filter((order) -> wanted == null || order.status() == wanted)
			.map(OrderResponse::of)
			.toList();
		PageCursor next = page.next();
		return new OrderListResponse(items, (next != null) ? next.encode() : null);
	}

	private static String customerId(@Nullable String customerId) {
		if (customerId == null || customerId.isBlank()) {
			throw ApiProblem.invalidField("customerId", "must not be blank");
		}
		if (customerId.length() > 64) {
			throw ApiProblem.invalidField("customerId", "must be at most 64 characters");
		}
		if (!Printable.Check.isPrintable(customerId)) {
			throw ApiProblem.invalidField("customerId", Printable.MESSAGE);
		}
		return customerId;
	}

	private static OrderStatus status(String status) {
		try {
			return OrderStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.invalidField("status", "must be one of " + STATUSES);
		}
	}

	private static int limit(String limit) {
		try {
			int value = Integer.parseInt(limit);
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw ApiProblem.invalidField("limit", "must be an integer between 1 and " + MAX_LIMIT);
	}

	private static PageCursor cursor(String cursor) {
		try {
			return PageCursor.decode(cursor);
		}
		catch (IllegalArgumentException ex) {
			throw ApiProblem.invalidField("cursor", "is not a cursor this API returned");
		}
	}

}
