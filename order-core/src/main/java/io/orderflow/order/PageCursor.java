package io.orderflow.order;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Where a page of a customer's orders ended: the creation time and number of its last
 * order. The next page starts strictly after it in the order {@code created_at DESC,
 * order_no DESC}.
 *
 * <p>
 * Clients see it only {@link #encode() encoded}: an opaque URL-safe string they pass back
 * as it is.
 */
public record PageCursor(Instant createdAt, String orderNo) {

	private static final char SEPARATOR = '|';

	// the range PostgreSQL's timestamptz and the ISO format agree on
	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

	public PageCursor {
		if (!orderNo.matches("[\\x21-\\x7B\\x7D\\x7E]{1,32}")) {
			throw new IllegalArgumentException("orderNo must be 1-32 printable ASCII characters except '|'");
		}
		if (createdAt.isBefore(EARLIEST) || createdAt.isAfter(LATEST)) {
			throw new IllegalArgumentException("createdAt is out of range: " + createdAt);
		}
	}

	/** The cursor as URL-safe base64 without padding. */
	public String encode() {
		byte[] text = (this.createdAt.toString() + SEPARATOR + this.orderNo).getBytes(StandardCharsets.US_ASCII);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text);
	}

	/**
	 * The cursor that {@link #encode()} produced.
	 * @throws IllegalArgumentException if {@code encoded} is not such a cursor
	 */
	public static PageCursor decode(String encoded) {
		String text = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII);
		int separator = text.indexOf(SEPARATOR);
		if (separator < 0) {
			throw new IllegalArgumentException("Not a page cursor: " + encoded);
		}
		try {
			return new PageCursor(Instant.parse(text.substring(0, separator)), text.substring(separator + 1));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("Not a page cursor: " + encoded, ex);
		}
	}

}
