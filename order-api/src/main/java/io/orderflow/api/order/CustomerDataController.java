package io.orderflow.api.order;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.ApiDocs;
import io.orderflow.api.security.Scopes;
import io.orderflow.api.web.Printable;

/**
 * What support does with a customer's personal data when the customer asks. The customer
 * id travels in the body: any id an order may carry ('/', '%' and ';' included) can be
 * named, which a path would not allow.
 */
@RestController
@Tag(name = ApiDocs.CUSTOMER_DATA)
class CustomerDataController {

	private final DeliveryAddressErasure erasure;

	CustomerDataController(DeliveryAddressErasure erasure) {
		this.erasure = erasure;
	}

	@SecurityRequirement(name = Scopes.OPENAPI_SCHEME, scopes = { Scopes.ADMIN })
	@Operation(operationId = "eraseDeliveryAddresses", summary = "Erase a customer's delivery addresses",
			description = "The customer's orders are kept; their delivery addresses are removed from the orders, "
					+ "from the order.paid events the service still holds and from stored Idempotency-Key replays. "
					+ "Repeating it erases nothing more.")
	@PostMapping(path = "/api/delivery-address-erasures", consumes = MediaType.APPLICATION_JSON_VALUE)
	ErasureResponse eraseDeliveryAddresses(@Valid @RequestBody ErasureRequest request) {
		return new ErasureResponse(request.customerId(), this.erasure.erase(request.customerId()));
	}

	@Schema(name = "DeliveryAddressErasureRequest")
	record ErasureRequest(@NotBlank @Size(max = 64) @Printable @Schema(example = "c-42") String customerId) {
	}

	@Schema(name = "DeliveryAddressErasure")
	record ErasureResponse(String customerId, @Schema(
			description = "the orders whose delivery address was erased by this request") List<String> orderNos) {
	}

}
