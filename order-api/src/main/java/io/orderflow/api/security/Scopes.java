package io.orderflow.api.security;

/**
 * The scopes of the token contract (the {@code scope} claim) and the authorities Spring
 * Security makes of them.
 */
public final class Scopes {

	/** The checkout backend, which prices the cart: places orders. */
	public static final String PLACE = "orders:place";

	/** A customer: reads and lists their own orders. */
	public static final String READ = "orders:read";

	/** A customer: cancels their own unpaid orders and confirms receipt of them. */
	public static final String WRITE = "orders:write";

	/** The warehouse: ships paid orders. */
	public static final String FULFIL = "orders:fulfil";

	/** Support: reads, lists and cancels any customer's orders. */
	public static final String ADMIN = "orders:admin";

	/** The OpenAPI security scheme of bearer tokens, as operations name it. */
	public static final String OPENAPI_SCHEME = "bearer";

	private Scopes() {
	}

	/** The authority a token with {@code scope} holds. */
	static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
