package io.orderflow.api.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import io.orderflow.monitoring.LogFields;

/**
 * Puts the order number of a request's path ({@code /api/orders/{orderNo}/...}) into the
 * log fields of the thread handling it, so that every line logged for the request names
 * the order (structured logs: {@code orderNo}).
 */
@Configuration(proxyBeanMethods = false)
class OrderNumberLogField implements WebMvcConfigurer, HandlerInterceptor {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns("/api/orders/*", "/api/orders/*/**");
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
				&& variables.get("orderNo") instanceof String orderNo) {
			MDC.put(LogFields.ORDER_NO, orderNo);
		}
		return true;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		MDC.remove(LogFields.ORDER_NO);
	}

}
