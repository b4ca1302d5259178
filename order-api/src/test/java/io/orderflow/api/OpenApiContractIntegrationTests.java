package io.orderflow.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.swagger.v3.core.util.Json31;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document the running app serves is the contract clients generate code from:
 * it must equal the committed {@code docs/openapi.yaml} (the served JSON as YAML), so
 * that every change of the contract shows in a diff, and pass Redocly's recommended
 * rules.
 *
 * <p>
 * After an intended change of the contract, regenerate the committed file with
 * {@code ./mvnw -B -pl order-core,order-api verify -Dtest=OpenApiContractIntegrationTests
 * -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true} and review its diff.
 */
class OpenApiContractIntegrationTests extends OrderApiIntegrationTest {

	/** Long lines kept whole, quotes only where needed: the file reads well in a diff. */
	private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
		.disable(YAMLGenerator.Feature.SPLIT_LINES)
		.disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
		.enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
		.enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
		.build());

	private static final Path COMMITTED = ContractTools.ROOT.resolve("docs/openapi.yaml");

	/**
	 * The warnings of Redocly's recommended rules the document keeps, each with its
	 * reason (rule and JSON pointer). Anything else fails the test.
	 */
	private static final Map<String, String> ACCEPTED_WARNINGS = Map.of("info-license #/info",
			"the project has not chosen a licence yet; naming one is for its maintainers to decide");

	@Test
	void servesTheCommittedDocument() throws Exception {
		JsonNode document = Json31.mapper().readTree(served("/v3/api-docs"));
		String served = YAML.writeValueAsString(document);
		if (Boolean.getBoolean("openapi.update")) {
			Files.writeString(COMMITTED, served);
		}
		Path copy = Path.of("target/openapi-served.yaml");
		Files.writeString(copy, served);

		assertThat(Files.exists(COMMITTED)).as("%s exists", COMMITTED).isTrue();
		assertThat(differences("#", document, YAML.readTree(Files.readString(COMMITTED))))
			.as("the served document (written to order-api/%s) equals %s; after an intended change regenerate it "
					+ "with -Dopenapi.update=true (docs/testing.md) and review the diff", copy, COMMITTED)
			.isEmpty();
	}

	@Test
	void passesRedoclysRecommendedRules() throws Exception {
		Path document = Path.of("target/openapi-served.json").toAbsolutePath();
		Files.writeString(document, served("/v3/api-docs"));

		ContractTools.Result lint = ContractTools.run("redocly", "lint", "--extends=recommended", "--format=json",
				document.toString());

		JsonNode report = Json31.mapper().readTree(lint.output());
		assertThat(report.has("totals"))
			.as("Redocly's report (exit %d): %s%s", lint.exitCode(), lint.output(), lint.errors())
			.isTrue();
		Map<String, String> warnings = new TreeMap<>();
		for (JsonNode problem : report.path("problems")) {
			String where = problem.path("ruleId").asText() + " "
					+ problem.path("location").path(0).path("pointer").asText();
			warnings.put(where, problem.path("severity").asText() + ": " + problem.path("message").asText());
		}
		assertThat(report.path("totals").path("errors").asInt()).as("errors in %s", warnings).isZero();
		assertThat(warnings.keySet()).as("warnings (each accepted one needs its reason here)")
			.containsExactlyInAnyOrderElementsOf(ACCEPTED_WARNINGS.keySet());
	}

	/** The JSON pointers where the two documents differ. */
	private static List<String> differences(String pointer, JsonNode served, JsonNode committed) {
		List<String> differences = new ArrayList<>();
		if (served.isObject() && committed.isObject()) {
			Set<String> names = new TreeSet<>();
			served.fieldNames().forEachRemaining(names::add);
			committed.fieldNames().forEachRemaining(names::add);
			for (String name : names) {
				differences.addAll(differences(pointer + "/" + name.replace("~", "~0").replace("/", "~1"),
						served.path(name), committed.path(name)));
			}
		}
		else if (served.isArray() && committed.isArray() && served.size() == committed.size()) {
			for (int i = 0; i < served.size(); i++) {
				differences.addAll(differences(pointer + "/" + i, served.get(i), committed.get(i)));
			}
		}
		else if (!served.equals(committed)) {
			differences.add(pointer);
		}
		return differences;
	}

	/** The document as served, byte for byte. */
	private String served(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
		return response.body();
	}

}
