package io.orderflow.api.order;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.security.Scopes;
import io.orderflow.api.web.ApiProblem;

/**
 * What support does with a customer's personal data when the customer asks.
 */
@RestController
class CustomerDataController {

	private final DeliveryAddressErasure erasure;

	CustomerDataController(DeliveryAddressErasure erasure) {
		this.erasure = erasure;
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.ADMIN })
	@Operation(summary = "Erase a customer's delivery addresses",
			description = "The customer's orders are kept; their delivery addresses are removed from the orders, "
					+ "from the order.paid events the service still holds and from stored Idempotency-Key replays. "
					+ "Repeating it erases nothing more.")
	@PostMapping("/api/customers/{customerId}/delivery-address-erasure")
	ErasureResponse eraseDeliveryAddresses(@PathVariable String customerId) {
		if (!customerId.matches("\\P{Cc}{1,64}")) {
			throw ApiProblem.invalidField("customerId", "must be 1-64 characters without control characters");
		}
		return new ErasureResponse(customerId, this.erasure.erase(customerId));
	}

	record ErasureResponse(String customerId, @Schema(
			description = "the orders whose delivery address was erased by this request") List<String> orderNos) {
	}

}
