package io.orderflow.api.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

import io.orderflow.api.web.ServletProblems;

/**
 * Answers a missing or invalid token (401) and a token without the scope an endpoint
 * needs (403) as problem details, with the {@code WWW-Authenticate} header of RFC 6750
 * that Spring Security's own handlers set.
 */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final AuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final AccessDeniedHandler bearerAccessDenied = new BearerTokenAccessDeniedHandler();

	private final JsonMapper json;

	ProblemResponses(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException, ServletException {
		this.bearerEntryPoint.commence(request, response, exception);
		String detail = (exception instanceof InvalidBearerTokenException)
				? "The bearer token is not valid: " + exception.getMessage()
				: "This request needs a bearer token (Authorization: Bearer ...)";
		ServletProblems.write(request, response, this.json, HttpStatus.UNAUTHORIZED, "Unauthorized", detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
			throws IOException, ServletException {
		this.bearerAccessDenied.handle(request, response, exception);
		ServletProblems.write(request, response, this.json, HttpStatus.FORBIDDEN, "Forbidden",
				"The bearer token does not grant the scope this request needs");
	}

}
