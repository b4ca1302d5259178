package io.orderflow.api.security;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import io.orderflow.order.OrderAccess;

/**
 * Who sent a request: the token's subject and whether it holds the support scope. Which
 * endpoints a caller reaches is decided by {@link SecurityConfiguration}; this decides
 * whose orders it reaches there.
 *
 * @param subject the {@code sub} claim: the customer id of a customer's token
 * @param support whether the token holds {@value Scopes#ADMIN}
 */
public record Caller(String subject, boolean support) {

	public static Caller of(Authentication authentication) {
		boolean support = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(Scopes.authority(Scopes.ADMIN)::equals);
		return new Caller(authentication.getName(), support);
	}

	/**
	 * For what support may do for any customer (read, list, cancel): support reaches
	 * every order, anyone else only the orders of its subject.
	 */
	public OrderAccess orderAccess() {
		return this.support ? OrderAccess.ANY_CUSTOMER : ownOrders();
	}

	/**
	 * For what only the customer may do (confirm receipt), whatever other scopes the
	 * token holds.
	 */
	public OrderAccess ownOrders() {
		return OrderAccess.ownedBy(this.subject);
	}

	/**
	 * Whose orders a list shows when the request names no customer: a customer's own;
	 * support must name one.
	 */
	public @Nullable String defaultCustomerToList() {
		return this.support ? null : this.subject;
	}

	/** Whether the caller may list the orders of {@code customerId}. */
	public boolean mayList(String customerId) {
		return this.support || this.subject.equals(customerId);
	}

}
