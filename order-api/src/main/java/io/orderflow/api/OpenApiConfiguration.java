package io.orderflow.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.orderflow.api.security.Scopes;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI orderApi() {
		return new OpenAPI()
			.components(new Components()
				.addSecuritySchemes(Scopes.OPENAPI_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
					.scheme("bearer")
					.bearerFormat("JWT")
					.description("An RS256 JWT from the identity provider with aud \"order-api\", sub (a customer's id "
							+ "for customer tokens), exp, and the scopes each operation names in scope.")))
			.info(new Info().title("Order API")
				.version("1")
				.description("Orders awaiting payment are cancelled at their payment deadline, exactly once. "
						+ "Errors are RFC 9457 problem details (application/problem+json)."));
	}

}
