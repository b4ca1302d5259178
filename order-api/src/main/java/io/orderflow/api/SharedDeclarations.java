package io.orderflow.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.customizers.OpenApiCustomizer;

import io.orderflow.api.security.Scopes;

/**
 * Adds to every operation what operations share, so that no controller repeats it: the
 * description of an {@code orderNo} path parameter, and the answers many operations give
 * alike: {@code 401}/{@code 403} where a token is needed, {@code 400}/{@code 404} where a
 * path names an order, {@code 412} where an {@code If-Match} header may be sent,
 * {@code 413}/{@code 415} where a body is read, {@code 500} and {@code 503} everywhere.
 * Every error answer, whether declared here or on a controller method, is then an
 * {@code application/problem+json} {@code Problem}; the examples are attached to the
 * operations they show.
 */
class SharedDeclarations implements OpenApiCustomizer {

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String PROBLEM = "#/components/schemas/Problem";

	@Override
	public void customise(OpenAPI openApi) {
		// resolved here, once springdoc has registered its model converters
		ModelConverters.getInstance(true)
			.readAll(new AnnotatedType(ProblemDocument.class))
			.forEach(openApi.getComponents()::addSchemas);
		openApi.getPaths().values().forEach((path) -> path.readOperations().forEach(SharedDeclarations::complete));
		example(openApi, "placeOrder", "201", ApiExamples.ORDER);
		example(openApi, "placeOrder", "400", ApiExamples.INVALID_REQUEST);
		example(openApi, "getOrder", "200", ApiExamples.ORDER);
		for (String operationId : List.of("placeOrder", "getOrder", "cancelOrder", "shipOrder", "confirmReceipt")) {
			header(openApi, operationId, operationId.equals("placeOrder") ? "201" : "200", "ETag");
		}
		header(openApi, "placeOrder", "201", "Location");
		header(openApi, "placeOrder", "201", "Idempotent-Replayed");
		operation(openApi, "placeOrder").ifPresent((operation) -> operation.getRequestBody()
			.getContent()
			.values()
			.forEach((media) -> media.addExamples("placeOrder",
					new Example().$ref(ApiExamples.ref(ApiExamples.PLACE_ORDER)))));
	}

	/** The shared responses, as components. */
	static Map<String, ApiResponse> responses() {
		ApiResponse notFound = problem("No such order, or, for a customer's token, another customer's order");
		notFound.getContent()
			.get(PROBLEM_JSON)
			.addExamples("orderNotFound", new Example().$ref(ApiExamples.ref(ApiExamples.ORDER_NOT_FOUND)));
		return Map.of("InvalidOrderNumber",
				problem("The orderNo of the path is longer than 32 characters or holds control characters"),
				"OrderNotFound", notFound, "Unauthorized",
				problem("No bearer token, or one that is invalid, expired or for another audience")
					.addHeaderObject("WWW-Authenticate", new Header().$ref("#/components/headers/WWW-Authenticate")),
				"Forbidden", problem("The token does not grant a scope this operation needs"), "ContentTooLarge",
				problem("The request body is larger than 64 KB"), "UnsupportedMediaType",
				problem("The request body is not application/json"), "InternalError",
				problem("An unexpected failure; the answer does not reveal its cause, the service logs it"),
				"ServiceUnavailable",
				problem("The order database cannot be reached; retry after Retry-After seconds "
						+ "(placing an order: with the same Idempotency-Key)")
					.addHeaderObject("Retry-After", new Header().$ref("#/components/headers/Retry-After")));
	}

	private static void complete(Operation operation) {
		ApiResponses responses = operation.getResponses();
		boolean bearer = operation.getSecurity() != null && operation.getSecurity()
			.stream()
			.anyMatch((requirement) -> requirement.containsKey(Scopes.OPENAPI_SCHEME));
		if (bearer) {
			addIfAbsent(responses, "401", "Unauthorized");
			addIfAbsent(responses, "403", "Forbidden");
		}
		Parameter orderNo = parameter(operation, "orderNo");
		if (orderNo != null) {
			orderNo.description("The order's number, as placeOrder answered it: 26 characters, Crockford base 32")
				.example("01M81SYQ2ZMP0N2X3CFNSKHRC1");
			addIfAbsent(responses, "400", "InvalidOrderNumber");
			addIfAbsent(responses, "404", "OrderNotFound");
		}
		// a conditional request (optional If-Match) can find the order changed meanwhile
		if (parameter(operation, "If-Match") != null && !responses.containsKey("412")) {
			responses.addApiResponse("412", new ApiResponse()
				.description("The order changed since the ETag given in If-Match; read it again and decide anew"));
		}
		if (operation.getRequestBody() != null) {
			addIfAbsent(responses, "413", "ContentTooLarge");
			addIfAbsent(responses, "415", "UnsupportedMediaType");
		}
		addIfAbsent(responses, "500", "InternalError");
		addIfAbsent(responses, "503", "ServiceUnavailable");
		responses.forEach((code, response) -> {
			if (response.get$ref() == null && (code.startsWith("4") || code.startsWith("5"))) {
				response.setContent(problemContent());
			}
		});
	}

	private static @Nullable Parameter parameter(Operation operation, String name) {
		if (operation.getParameters() == null) {
			return null;
		}
		return operation.getParameters()
			.stream()
			.filter((parameter) -> name.equalsIgnoreCase(parameter.getName()))
			.findFirst()
			.orElse(null);
	}

	private static void addIfAbsent(ApiResponses responses, String code, String component) {
		if (!responses.containsKey(code)) {
			responses.addApiResponse(code, new ApiResponse().$ref("#/components/responses/" + component));
		}
	}

	private static ApiResponse problem(String description) {
		return new ApiResponse().description(description).content(problemContent());
	}

	private static Content problemContent() {
		return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM)));
	}

	private static void example(OpenAPI openApi, String operationId, String code, String example) {
		operation(openApi, operationId).map((operation) -> operation.getResponses().get(code))
			.ifPresent((response) -> response.getContent()
				.values()
				.forEach((media) -> media.addExamples(example.substring(0, 1).toLowerCase() + example.substring(1),
						new Example().$ref(ApiExamples.ref(example)))));
	}

	private static void header(OpenAPI openApi, String operationId, String code, String header) {
		operation(openApi, operationId).map((operation) -> operation.getResponses().get(code))
			.ifPresent((response) -> response.addHeaderObject(header,
					new Header().$ref("#/components/headers/" + header)));
	}

	private static Optional<Operation> operation(OpenAPI openApi, String operationId) {
		return openApi.getPaths()
			.values()
			.stream()
			.flatMap((path) -> path.readOperations().stream())
			.filter((operation) -> operationId.equals(operation.getOperationId()))
			.findFirst();
	}

}
