package io.orderflow.api.order;

import java.time.Clock;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.orderflow.api.ApiProperties;
import io.orderflow.api.security.Scopes;
import io.orderflow.api.security.SecurityConfiguration;
import io.orderflow.order.OrderFulfilment;
import io.orderflow.order.OrderHistory;
import io.orderflow.order.OrderLookup;
import io.orderflow.order.OrderPlacement;
import io.orderflow.payment.CustomerCancellation;

import static org.hamcrest.Matchers.hasItem;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Validation and its problem details, in the web layer alone: no database, no broker, and
 * nothing behind the controller is reached by an invalid body.
 */
@WebMvcTest
class OrderRequestValidationWebMvcTests {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	OrderPlacement placement;

	@MockitoBean
	IdempotentOrderPlacement idempotentPlacement;

	@MockitoBean
	CustomerCancellation cancellation;

	@MockitoBean
	DeliveryAddressErasure erasure;

	@MockitoBean
	OrderLookup lookup;

	@MockitoBean
	OrderHistory history;

	@MockitoBean
	OrderFulfilment fulfilment;

	@MockitoBean
	JwtDecoder tokens;

	@MockitoBean
	Clock clock;

	/**
	 * The web layer without the application class, which imports all of order-core: the
	 * controller, and what every request passes through (security, problem details, the
	 * body limit).
	 */
	@SpringBootConfiguration
	@ComponentScan(basePackages = { "io.orderflow.api.web", "io.orderflow.api.security" },
			excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
	@Import({ OrderController.class, SecurityConfiguration.class })
	@EnableConfigurationProperties(ApiProperties.class)
	static class WebLayer {

	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("io.orderflow.api.OrderBodies#invalidOrders")
	void refusesAnInvalidFieldWithAProblemNamingIt(String field, String body) throws Exception {
		this.mvc
			.perform(post("/api/orders").with(jwt().authorities(() -> "SCOPE_" + Scopes.PLACE))
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Invalid request"))
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)));
		verifyNoInteractions(this.placement, this.idempotentPlacement);
	}

}
