package io.orderflow.api;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

import io.orderflow.api.web.ApiProblem.FieldError;

/**
 * The body of every error answer as the OpenAPI document describes it: the RFC 9457
 * problem detail that {@code ProblemDetailsAdvice} and {@code ServletProblems} write.
 * Only documents the shape; Spring's {@code ProblemDetail} is what is written.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem detail, served as application/problem+json.")
record ProblemDocument(
		@Schema(description = "A URI naming the kind of problem; left out for about:blank, the only kind used",
				example = "about:blank", format = "uri-reference", requiredMode = RequiredMode.NOT_REQUIRED) URI type,
		@Schema(description = "A short summary of the kind of problem", example = "Invalid request") String title,
		@Schema(description = "The HTTP status code", example = "400") int status,
		@Schema(description = "What went wrong with this request", example = "1 field is invalid") String detail,
		@Schema(description = "The path of the request", example = "/api/orders",
				format = "uri-reference") URI instance,
		@Schema(description = "For invalid requests (400 \"Invalid request\"): every invalid field, "
				+ "named by its JSON path", requiredMode = RequiredMode.NOT_REQUIRED) List<FieldError> errors) {

}
