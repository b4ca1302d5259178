package io.orderflow.api.web;

import java.io.IOException;
import java.net.URI;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/**
 * Problem details written straight to the response, for answers given before Spring MVC
 * (and its {@code ProblemDetailsAdvice}) sees the request: servlet filters and the
 * security filter chain.
 */
public final class ServletProblems {

	private ServletProblems() {
	}

	public static void write(HttpServletRequest request, HttpServletResponse response, JsonMapper json,
			HttpStatus status, String title, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setInstance(URI.create(request.getRequestURI()));
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
