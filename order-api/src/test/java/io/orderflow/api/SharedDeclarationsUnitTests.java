package io.orderflow.api;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import org.junit.jupiter.api.Test;

import io.orderflow.api.security.Scopes;

import static org.assertj.core.api.Assertions.assertThat;

class SharedDeclarationsUnitTests {

	@Test
	void addsTheAnswersAnOperationSharesWithOthers() {
		Operation conditionalChange = new Operation().operationId("changeOrder")
			.addSecurityItem(new SecurityRequirement().addList(Scopes.OPENAPI_SCHEME, Scopes.WRITE))
			.parameters(List.of(new PathParameter().name("orderNo"), new HeaderParameter().name("If-Match")))
			.requestBody(new RequestBody())
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The order"))
				.addApiResponse("409", new ApiResponse().description("Not now")));

		customise(conditionalChange);

		assertThat(conditionalChange.getResponses()).containsOnlyKeys("200", "400", "401", "403", "404", "409", "412",
				"413", "415", "500", "503");
		assertThat(conditionalChange.getResponses().get("404").get$ref())
			.isEqualTo("#/components/responses/OrderNotFound");
		assertThat(conditionalChange.getResponses().get("412").getContent())
			.containsOnlyKeys("application/problem+json");
		assertThat(conditionalChange.getResponses()
			.get("409")
			.getContent()
			.get("application/problem+json")
			.getSchema()
			.get$ref()).isEqualTo("#/components/schemas/Problem");
		assertThat(conditionalChange.getParameters().get(0).getDescription()).contains("26 characters");
	}

	@Test
	void addsOnlyWhatAnOperationCanAnswer() {
		Operation open = new Operation().operationId("readSomething")
			.security(List.of())
			.responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("It")));

		customise(open);

		assertThat(open.getResponses()).containsOnlyKeys("200", "500", "503");
	}

	private static void customise(Operation operation) {
		OpenAPI openApi = new OpenAPI().components(new Components())
			.paths(new Paths().addPathItem("/api/things", new PathItem().post(operation)));
		new SharedDeclarations().customise(openApi);
		assertThat(openApi.getComponents().getSchemas()).containsKeys("Problem", "FieldError");
	}

}
