package io.orderflow.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.orderflow.api.security.Scopes;

/**
 * The OpenAPI document's shared parts: its description, the bearer scheme, the tags, the
 * problem schema, the responses and headers many operations share, and the examples. What
 * each operation does and answers is declared on its controller method;
 * {@link SharedDeclarations} adds what operations share.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI orderApi() {
		Components components = new Components()
			.addSecuritySchemes(Scopes.OPENAPI_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.bearerFormat("JWT")
				.description("An RS256 JWT from the identity provider with aud \"order-api\", sub (a customer's "
						+ "id for customer tokens), exp, and one of the scopes each operation lists in scope: "
						+ Scopes.PLACE + " (checkout), " + Scopes.READ + " and " + Scopes.WRITE
						+ " (a customer, own orders only), " + Scopes.FULFIL + " (the warehouse), " + Scopes.ADMIN
						+ " (support, any order)."))
			.headers(headers())
			.responses(SharedDeclarations.responses())
			.examples(ApiExamples.all());
		return new OpenAPI().info(new Info().title("Order API")
			.version("1")
			.description("Orders are placed awaiting payment and cancelled at their payment deadline, exactly once, "
					+ "unless paid; paid orders are shipped and then completed by the customer or by themselves. "
					+ "Every error is an RFC 9457 problem detail (application/problem+json, schema Problem)."))
			// relative: the document is right wherever it is served
			.servers(List.of(new Server().url("/").description("The service serving this document")))
			.tags(List.of(
					new Tag().name(ApiDocs.ORDERS)
						.description("Placing, reading, listing and cancelling orders: checkout, customers, support"),
					new Tag().name(ApiDocs.FULFILMENT)
						.description("Shipping paid orders (the warehouse) and confirming their receipt (customers)"),
					new Tag().name(ApiDocs.PAYMENTS)
						.description("The payment gateway's signed callbacks: payments succeeded or failed"),
					new Tag().name(ApiDocs.CUSTOMER_DATA)
						.description("Support erasing a customer's personal data on the customer's request")))
			.components(components);
	}

	@Bean
	OpenApiCustomizer sharedDeclarations() {
		return new SharedDeclarations();
	}

	@Bean
	ModelConverter nullableRecordComponents() {
		return new NullableRecordComponents();
	}

	private static Map<String, Header> headers() {
		return Map.of("Location", header("The path of the order", "/api/orders/01M81SYQ2ZMP0N2X3CFNSKHRC1"),
				"Idempotent-Replayed",
				header("true when this is the stored answer to an earlier request with the same Idempotency-Key",
						"true"),
				"ETag",
				header("The order's version in quotes: send it as If-Match to change only the order you read", "\"1\""),
				"Retry-After", header("Seconds to wait before retrying", "5"), "WWW-Authenticate",
				header("The bearer challenge of RFC 6750, saying why the token was refused",
						"Bearer error=\"invalid_token\", error_description=\"Jwt expired\""));
	}

	private static Header header(String description, String example) {
		return new Header().description(description)
			.schema(new Schema<String>().types(Set.of("string")))
			.example(example);
	}

}
