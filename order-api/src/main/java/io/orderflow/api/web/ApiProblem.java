package io.orderflow.api.web;

import java.util.List;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.http.HttpStatus;

import io.orderflow.order.OrderStatus;

/**
 * An error a client caused or can act on, answered as a problem detail with this status,
 * title and detail.
 */
public class ApiProblem extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	private final List<FieldError> errors;

	public ApiProblem(HttpStatus status, String title, String detail) {
		this(status, title, detail, List.of());
	}

	private ApiProblem(HttpStatus status, String title, String detail, List<FieldError> errors) {
		super(detail);
		this.status = status;
		this.title = title;
		this.errors = errors;
	}

	/** A request whose {@code field} is invalid. */
	public static ApiProblem invalidField(String field, String message) {
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", field + " " + message,
				List.of(new FieldError(field, message)));
	}

	/** A request whose fields are invalid. */
	public static ApiProblem invalidFields(List<FieldError> errors) {
		String detail = (errors.size() == 1) ? "1 field is invalid" : errors.size() + " fields are invalid";
		return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail, errors);
	}

	public static ApiProblem orderNotFound(String orderNo) {
		return new ApiProblem(HttpStatus.NOT_FOUND, "Order not found", "There is no order " + orderNo);
	}

	/** The order's current status does not allow it to become {@code target}. */
	public static ApiProblem transitionNotAllowed(String orderNo, OrderStatus current, OrderStatus target) {
		String allowed = current.next().isEmpty() ? "it is final"
				: "it can only become " + current.next().stream().map(Enum::name).collect(Collectors.joining(" or "));
		return new ApiProblem(HttpStatus.CONFLICT, "Order is " + current,
				"Order " + orderNo + " is " + current + " and cannot become " + target + ": " + allowed);
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	/**
	 * One offending field of a request, named by its JSON path, e.g.
	 * {@code items[0].quantity}.
	 */
	@Schema(description = "An invalid field of the request")
	public record FieldError(@Schema(example = "items[0].quantity") String field,
			@Schema(example = "must be greater than or equal to 1") String message) {
	}

}
