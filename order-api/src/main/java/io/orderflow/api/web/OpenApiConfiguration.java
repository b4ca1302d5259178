package io.orderflow.api.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI orderApi() {
		return new OpenAPI().info(new Info().title("Order API")
			.version("1")
			.description("Orders awaiting payment are cancelled at their payment deadline, exactly once. "
					+ "Errors are RFC 9457 problem details (application/problem+json)."));
	}

}
