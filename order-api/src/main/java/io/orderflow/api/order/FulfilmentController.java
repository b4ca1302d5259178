package io.orderflow.api.order;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.ApiDocs;
import io.orderflow.api.ApiProperties;
import io.orderflow.api.security.Caller;
import io.orderflow.api.security.Scopes;
import io.orderflow.api.web.ApiProblem;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.OrderStatus;
import io.orderflow.order.TransitionOutcome;

/**
 * Shipping a paid order and confirming its receipt.
 */
@RestController
@RequestMapping("/api/orders/{orderNo}")
@Tag(name = ApiDocs.FULFILMENT)
class FulfilmentController {

	private final OrderFulfilment fulfilment;

	private final ApiProperties properties;

	FulfilmentController(OrderFulfilment fulfilment, ApiProperties properties) {
		this.fulfilment = fulfilment;
		this.properties = properties;
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.FULFIL })
	@Operation(operationId = "shipOrder", summary = "Ship a paid order",
			description = "For the warehouse. A guarded update: only a PAID order is shipped, once. The order "
					+ "completes by itself after autoCompleteAfter unless the customer confirms receipt first.")
	@ApiResponse(responseCode = "200", description = "The shipped order", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "Malformed or invalid body (every invalid field listed in errors), or an invalid orderNo")
	@ApiResponse(responseCode = "409",
			description = "The order is not PAID; the problem names its status and what it can become")
	@PostMapping("/shipment")
	ResponseEntity<OrderResponse> ship(@PathVariable String orderNo,
			@Parameter(description = "the order's ETag as last read; optional") @RequestHeader(
					name = OrderVersions.IF_MATCH, required = false) @Nullable String ifMatch,
			@Valid @RequestBody ShipmentRequest request) {
		Duration autoCompleteAfter = autoCompleteAfter(request);
		return applied(this.fulfilment.ship(OrderNumberParameter.require(orderNo), request.carrier(),
				request.trackingNo(), autoCompleteAfter, OrderVersions.expected(ifMatch)), OrderStatus.SHIPPED);
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.WRITE })
	@Operation(operationId = "confirmReceipt", summary = "Confirm receipt of a shipped order",
			description = "For the customer, own orders only. A guarded update: it races the automatic completion "
					+ "safely, and the order is completed once, by whichever comes first.")
	@ApiResponse(responseCode = "200", description = "The completed order (completedBy CUSTOMER)",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "409",
			description = "The order is not SHIPPED (e.g. already completed); the problem names its status")
	@PostMapping("/receipt")
	ResponseEntity<OrderResponse> confirmReceipt(@PathVariable String orderNo,
			@Parameter(description = "the order's ETag as last read; optional") @RequestHeader(
					name = OrderVersions.IF_MATCH, required = false) @Nullable String ifMatch,
			@Parameter(hidden = true) Authentication caller) {
		return applied(this.fulfilment.confirmReceipt(OrderNumberParameter.require(orderNo),
				Caller.of(caller).ownOrders(), OrderVersions.expected(ifMatch)), OrderStatus.COMPLETED);
	}

	private Duration autoCompleteAfter(ShipmentRequest request) {
		Duration requested = request.autoCompleteAfter();
		if (requested == null) {
			return this.properties.defaultAutoCompleteAfter();
		}
		if (requested.compareTo(this.properties.minAutoCompleteAfter()) < 0
				|| requested.compareTo(this.properties.maxAutoCompleteAfter()) > 0) {
			throw ApiProblem.invalidField("autoCompleteAfter", "must be between "
					+ this.properties.minAutoCompleteAfter() + " and " + this.properties.maxAutoCompleteAfter());
		}
		return requested;
	}

	private static ResponseEntity<OrderResponse> applied(TransitionOutcome outcome, OrderStatus target) {
		if (outcome instanceof TransitionOutcome.Applied applied) {
			return OrderVersions.ok(applied.order());
		}
		if (outcome instanceof TransitionOutcome.Stale stale) {
			throw OrderVersions.stale(stale);
		}
		if (outcome instanceof TransitionOutcome.NotAllowed notAllowed) {
			throw ApiProblem.transitionNotAllowed(notAllowed.order().orderNo(), notAllowed.order().status(), target);
		}
		throw ApiProblem.orderNotFound(((TransitionOutcome.UnknownOrder) outcome).orderNo());
	}

}
