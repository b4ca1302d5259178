package io.orderflow.api.security;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.web.SecurityFilterChain;

import jakarta.servlet.DispatcherType;

import static io.orderflow.api.security.Scopes.ADMIN;
import static io.orderflow.api.security.Scopes.FULFIL;
import static io.orderflow.api.security.Scopes.PLACE;
import static io.orderflow.api.security.Scopes.READ;
import static io.orderflow.api.security.Scopes.WRITE;
import static io.orderflow.api.security.Scopes.authority;

/**
 * Which caller reaches which endpoint. Tokens are verified by Spring Boot's resource
 * server auto-configuration from the standard
 * {@code spring.security.oauth2.resourceserver.jwt.*} properties (key, issuer, audience);
 * ownership of orders is checked further in, in SQL.
 */
@Configuration(proxyBeanMethods = false)
@Import(ProblemResponses.class)
public class SecurityConfiguration {

	private static final String ORDER = "/api/orders/*";

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			// only served on the management port, which is not exposed to callers
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.permitAll()
			// authenticated by the HMAC signature over the body, checked by the
			// controller
			.requestMatchers(HttpMethod.POST, "/api/payments/callbacks")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
			.permitAll()
			.requestMatchers(HttpMethod.POST, "/api/orders")
			.hasAuthority(authority(PLACE))
			// any other method too: HEAD is served by the GET handlers
			.requestMatchers("/api/orders", ORDER)
			.hasAnyAuthority(authority(READ), authority(ADMIN))
			.requestMatchers(HttpMethod.POST, ORDER + "/cancellation")
			.hasAnyAuthority(authority(WRITE), authority(ADMIN))
			.requestMatchers(HttpMethod.POST, ORDER + "/receipt")
			.hasAuthority(authority(WRITE))
			.requestMatchers(HttpMethod.POST, ORDER + "/shipment")
			.hasAuthority(authority(FULFIL))
			.requestMatchers(HttpMethod.POST, "/api/delivery-address-erasures")
			.hasAuthority(authority(ADMIN))
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((server) -> server.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			// bearer tokens, no cookies: nothing for a cross-site request to ride on
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * The token contract's mandatory claims, added to the validators Spring Boot
	 * configures (signature, expiry when present, issuer and audience when configured): a
	 * token without a subject or an expiry is refused.
	 */
	@Bean
	OAuth2TokenValidator<Jwt> subjectAndExpiryRequired() {
		return new DelegatingOAuth2TokenValidator<>(
				new JwtClaimValidator<Object>(JwtClaimNames.SUB, (sub) -> sub instanceof String s && !s.isBlank()),
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, (exp) -> exp != null));
	}

}
