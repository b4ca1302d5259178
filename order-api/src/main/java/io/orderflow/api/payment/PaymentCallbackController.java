package io.orderflow.api.payment;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.orderflow.api.ApiDocs;
import io.orderflow.api.web.ApiProblem;
import io.orderflow.api.web.ApiProblem.FieldError;
import io.orderflow.payment.PaymentCallbacks;
import io.orderflow.payment.PaymentOutcome;

/**
 * Receives the payment gateway's callbacks. The signature is checked against the raw
 * bytes of the body before anything is parsed; only then is the body read and applied.
 */
@RestController
@Tag(name = ApiDocs.PAYMENTS)
class PaymentCallbackController {

	private static final Logger log = LoggerFactory.getLogger(PaymentCallbackController.class);

	private final PaymentCallbacks callbacks;

	private final PaymentCallbackProperties properties;

	private final JsonMapper json;

	private final Validator validator;

	private final Clock clock;

	private final MeterRegistry meters;

	PaymentCallbackController(PaymentCallbacks callbacks, PaymentCallbackProperties properties, JsonMapper json,
			Validator validator, Clock clock, MeterRegistry meters) {
		this.callbacks = callbacks;
		this.properties = properties;
		this.json = json;
		this.validator = validator;
		this.clock = clock;
		this.meters = meters;
		// at zero from the start, so that a rate or increase sees the first of each
		for (String outcome : List.of("PAID", "REFUND_REQUESTED", "FAILURE_RECORDED", "ALREADY_APPLIED", "REJECTED")) {
			meters.counter("order.payment.callbacks", "outcome", outcome);
		}
	}

	@Operation(operationId = "receivePaymentCallback", summary = "Receive a payment gateway callback",
			description = "For the payment gateway; no bearer token: the Payment-Signature over the raw body "
					+ "authenticates it. Delivered at least once and in any order: each eventId and each "
					+ "transactionId is applied once, repeats answer ALREADY_APPLIED. A payment the order cannot "
					+ "keep (cancelled meanwhile, say) is answered REFUND_REQUESTED and handed back for a refund.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "Read as raw bytes and verified before it is parsed",
					content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = PaymentCallbackRequest.class))))
	@SecurityRequirements
	@ApiResponse(responseCode = "200", description = "Applied now or before; outcome says what it did",
			useReturnTypeSchema = true)
	@ApiResponse(responseCode = "400", description = "Malformed or invalid body (every invalid field listed in errors)")
	@ApiResponse(responseCode = "401",
			description = "Payment-Signature missing, not matching the body, or its t outside the tolerance (5 minutes by default)")
	@ApiResponse(responseCode = "422",
			description = "An unknown order, or an amount or currency that does not match the order's")
	@PostMapping(path = "/api/payments/callbacks", consumes = MediaType.APPLICATION_JSON_VALUE)
	CallbackResponse receive(
			@Parameter(required = true,
					description = "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, \"<t>.<raw body>\")>; more v1 values "
							+ "while the secret is rotated") @RequestHeader(name = "Payment-Signature",
									required = false) @Nullable String signature,
			@RequestBody(required = false) byte @Nullable [] body) {
		byte[] raw = (body != null) ? body : new byte[0];
		CallbackSignature
			.problemWith(signature, raw, this.properties.secrets(), this.clock.instant(),
					this.properties.signatureTolerance())
			.ifPresent((problem) -> {
				log.warn("Refused a payment callback: {}", problem);
				throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Invalid signature", problem);
			});
		PaymentCallbackRequest request = read(raw);
		PaymentOutcome outcome = this.callbacks.apply(request.toNotification(),
				new String(raw, StandardCharsets.UTF_8));
		if (outcome instanceof PaymentOutcome.Rejected rejected) {
			countCallback("REJECTED");
			throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Payment does not match an order",
					rejected.detail());
		}
		CallbackResponse response = CallbackResponse.of(request.orderNo(), outcome);
		countCallback(response.outcome());
		return response;
	}

	/**
	 * {@code order.payment.callbacks}, tag {@code outcome}: what the callbacks that were
	 * applied came to (those refused for their signature or body are not counted here).
	 */
	private void countCallback(String outcome) {
		this.meters.counter("order.payment.callbacks", "outcome", outcome).increment();
	}

	private PaymentCallbackRequest read(byte[] body) {
		PaymentCallbackRequest request;
		try {
			request = this.json.readValue(body, PaymentCallbackRequest.class);
		}
		catch (JacksonException ex) {
			throw new ApiProblem(HttpStatus.BAD_REQUEST, "Malformed request body",
					"Malformed callback: " + ex.getOriginalMessage());
		}
		Set<ConstraintViolation<PaymentCallbackRequest>> violations = this.validator.validate(request);
		if (!violations.isEmpty()) {
			List<FieldError> errors = violations.stream()
				.map((violation) -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
				.sorted(Comparator.comparing(FieldError::field))
				.toList();
			throw ApiProblem.invalidFields(errors);
		}
		return request;
	}

	/**
	 * @param outcome {@code PAID}, {@code REFUND_REQUESTED}, {@code FAILURE_RECORDED} or
	 * {@code ALREADY_APPLIED}
	 */
	@Schema(name = "PaymentCallbackResult")
	record CallbackResponse(String orderNo, @Schema(allowableValues = {
			"PAID", "REFUND_REQUESTED", "FAILURE_RECORDED", "ALREADY_APPLIED" }) String outcome){

		static CallbackResponse of(String orderNo, PaymentOutcome outcome) {
			String name = (outcome instanceof PaymentOutcome.Paid) ? "PAID"
					: (outcome instanceof PaymentOutcome.RefundRequested) ? "REFUND_REQUESTED"
							: (outcome instanceof PaymentOutcome.FailureRecorded) ? "FAILURE_RECORDED"
									: "ALREADY_APPLIED";
			return new CallbackResponse(orderNo, name);
		}

	}

}
