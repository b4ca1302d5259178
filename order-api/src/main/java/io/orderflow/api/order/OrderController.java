package io.orderflow.api.order;

import java.net.URI;
import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.ApiDocs;
import io.orderflow.api.ApiProperties;
import io.orderflow.api.order.IdempotentOrderPlacement.Outcome;
import io.orderflow.api.security.Caller;
import io.orderflow.api.security.Scopes;
import io.orderflow.api.web.ApiProblem;
import io.orderflow.order.Amounts;
import io.orderflow.order.CancelReason;
import io.orderflow.order.Order;
import io.orderflow.order.OrderPlacement;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.TransitionOutcome;
import io.orderflow.payment.CustomerCancellation;

@RestController
@RequestMapping("/api/orders")
@Tag(name = ApiDocs.ORDERS)
class OrderController {

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderPlacement placement;

	private final IdempotentOrderPlacement idempotentPlacement;

	private final CustomerCancellation cancellation;

	private final OrderLookup lookup;

	private final ApiProperties properties;

	OrderController(OrderPlacement placement, IdempotentOrderPlacement idempotentPlacement,
			CustomerCancellation cancellation, OrderLookup lookup, ApiProperties properties) {
		this.placement = placement;
		this.idempotentPlacement = idempotentPlacement;
		this.cancellation = cancellation;
		this.lookup = lookup;
		this.properties = properties;
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.PLACE })
	@Operation(operationId = "placeOrder", summary = "Place an order awaiting payment",
			description = "For the checkout backend, which prices the cart. The order, its created event and its "
					+ "payment timer are stored together; unless paid within paymentTimeout the order is cancelled, "
					+ "exactly once. Idempotent with an Idempotency-Key: repeating the key with the same body (the "
					+ "same JSON once parsed) within 24 h answers the original order again, with "
					+ "Idempotent-Replayed: true, and places nothing; without a key every request places an order.")
	@ApiResponse(responseCode = "201",
			description = "Placed now, or earlier under the same Idempotency-Key (headers: Location, Idempotent-Replayed)",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400",
			description = "Malformed or invalid body (every invalid field listed in errors), an invalid "
					+ "Idempotency-Key, or a total above 99999999999999999.99")
	@ApiResponse(responseCode = "409",
			description = "A request with this Idempotency-Key is still being processed; retry later")
	@ApiResponse(responseCode = "422", description = "This Idempotency-Key was used for a different body")
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<OrderResponse> placeOrder(@Parameter(
			description = "Makes retries safe: 1-255 printable ASCII characters, e.g. a UUID per checkout attempt",
			schema = @Schema(minLength = 1, maxLength = 255)) @RequestHeader(name = IDEMPOTENCY_KEY,
					required = false) @Nullable String idempotencyKey,
			@Valid @RequestBody CreateOrderRequest request) {
		if (request.total().compareTo(Amounts.MAX) > 0) {
			throw ApiProblem.invalidField("items", "must not add up to more than " + Amounts.MAX.toPlainString());
		}
		Duration paymentTimeout = request.paymentTimeoutOr(this.properties.defaultPaymentTimeout());
		if (idempotencyKey == null) {
			return created(OrderResponse.of(this.placement.place(request.toNewOrder(paymentTimeout))));
		}
		requireValid(idempotencyKey);
		Outcome outcome = this.idempotentPlacement.place(idempotencyKey, request, paymentTimeout);
		if (outcome instanceof Outcome.Placed placed) {
			return created(placed.response());
		}
		if (outcome instanceof Outcome.Replayed replayed) {
			return ResponseEntity.created(location(replayed.response()))
				.eTag(OrderVersions.etag(replayed.response().version()))
				.header("Idempotent-Replayed", "true")
				.body(replayed.response());
		}
		if (outcome instanceof Outcome.KeyInUse) {
			throw new ApiProblem(HttpStatus.CONFLICT, "Request in progress",
					"A request with this Idempotency-Key is still being processed; retry later");
		}
		throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
				"This Idempotency-Key was used for a different request");
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.READ, Scopes.ADMIN })
	@Operation(operationId = "getOrder", summary = "Get an order",
			description = "A customer reads their own orders only (another customer's answers 404, as an unknown "
					+ "order does); support reads any. An order past its payment deadline is never shown as "
					+ "payable: reading it cancels it.")
	@Parameter(name = "If-None-Match", in = ParameterIn.HEADER,
			description = "the ETag of the order as last read: 304 while it has not changed",
			schema = @Schema(type = "string", example = "\"1\""))
	@ApiResponse(responseCode = "200", description = "The order, with its ETag", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "304", description = "The order has not changed since the ETag in If-None-Match")
	@GetMapping("/{orderNo}")
	ResponseEntity<OrderResponse> order(@PathVariable String orderNo, @Parameter(hidden = true) Authentication caller) {
		return this.lookup.find(OrderNumberParameter.require(orderNo), Caller.of(caller).orderAccess())
			.map(OrderVersions::ok)
			.orElseThrow(() -> notFound(orderNo));
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.WRITE, Scopes.ADMIN })
	@Operation(operationId = "cancelOrder", summary = "Cancel an order before shipment",
			description = "At the customer's request (own orders only) or support's (any order). An order awaiting "
					+ "payment is cancelled; a paid order not shipped yet is cancelled and refunded "
					+ "(order.refund-requested) in the same transaction. A guarded update: it races the payment "
					+ "callback, the payment timeout and the shipment safely, and only one of them wins. Idempotent: "
					+ "cancelling an order already cancelled at the customer's request answers it again, also with "
					+ "the If-Match it was read at.")
	@ApiResponse(responseCode = "200", description = "The cancelled order, with its ETag", useReturnTypeSchema = true)
	@ApiResponse(responseCode = "409",
			description = "The order can no longer be cancelled: shipped, completed, or cancelled otherwise "
					+ "(by its payment timeout or for lack of stock)")
	@PostMapping("/{orderNo}/cancellation")
	ResponseEntity<OrderResponse> cancel(@PathVariable String orderNo,
			@Parameter(description = "the order's ETag as last read; optional") @RequestHeader(
					name = OrderVersions.IF_MATCH, required = false) @Nullable String ifMatch,
			@Parameter(hidden = true) Authentication caller) {
		TransitionOutcome outcome = this.cancellation.cancel(OrderNumberParameter.require(orderNo),
				Caller.of(caller).orderAccess(), OrderVersions.expected(ifMatch));
		if (outcome instanceof TransitionOutcome.Applied cancelled) {
			return OrderVersions.ok(cancelled.order());
		}
		if (outcome instanceof TransitionOutcome.Stale stale) {
			if (stale.order().cancelReason() == CancelReason.CUSTOMER_REQUEST) {
				return OrderVersions.ok(stale.order()); // a repeated cancel: already done
			}
			throw OrderVersions.stale(stale);
		}
		if (outcome instanceof TransitionOutcome.NotAllowed notCancellable) {
			Order order = notCancellable.order();
			if (order.cancelReason() == CancelReason.CUSTOMER_REQUEST) {
				return OrderVersions.ok(order); // a repeated cancel: already done
			}
			String state = (order.cancelReason() != null) ? order.status() + " (" + order.cancelReason() + ")"
					: order.status().toString();
			throw new ApiProblem(HttpStatus.CONFLICT, "Order not cancellable", "Order " + orderNo + " is " + state
					+ "; only orders awaiting payment, or paid and not shipped, can be cancelled");
		}
		throw notFound(orderNo);
	}

	private static void requireValid(String idempotencyKey) {
		if (!idempotencyKey.matches("[\\x20-\\x7E]{1,255}")) {
			throw ApiProblem.invalidField(IDEMPOTENCY_KEY, "must be 1-255 printable ASCII characters");
		}
	}

	private static ResponseEntity<OrderResponse> created(OrderResponse response) {
		return ResponseEntity.created(location(response)).eTag(OrderVersions.etag(response.version())).body(response);
	}

	private static URI location(OrderResponse response) {
		return URI.create("/api/orders/" + response.orderNo());
	}

	private static ApiProblem notFound(String orderNo) {
		return ApiProblem.orderNotFound(orderNo);
	}

}
