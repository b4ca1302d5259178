package io.orderflow.order;

import java.security.SecureRandom;
import java.time.Instant;

import org.springframework.stereotype.Component;

/**
 * Issues order numbers in the ULID layout: 48 bits of milliseconds since the epoch
 * followed by 80 random bits, as 26 Crockford base-32 characters.
 *
 * <p>
 * The time prefix keeps numbers roughly time-ordered (handy in logs and indexes); the
 * random part makes them unique across instances without coordination (the unique
 * constraint in PostgreSQL is the backstop) and impossible to guess from a neighbour's
 * number.
 */
@Component
public class OrderNumbers {

	private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

	private final SecureRandom random = new SecureRandom();

	public String next(Instant now) {
		char[] chars = new char[26];
		long millis = now.toEpochMilli();
		for (int i = 9; i >= 0; i--) {
			chars[i] = CROCKFORD[(int) (millis & 31)];
			millis >>>= 5;
		}
		byte[] randomBytes = new byte[10];
		this.random.nextBytes(randomBytes);
		long high = 0;
		for (int i = 0; i < 5; i++) {
			high = (high << 8) | (randomBytes[i] & 0xFF);
		}
		long low = 0;
		for (int i = 5; i < 10; i++) {
			low = (low << 8) | (randomBytes[i] & 0xFF);
		}
		for (int i = 17; i >= 10; i--) {
			chars[i] = CROCKFORD[(int) (high & 31)];
			high >>>= 5;
		}
		for (int i = 25; i >= 18; i--) {
			chars[i] = CROCKFORD[(int) (low & 31)];
			low >>>= 5;
		}
		return new String(chars);
	}

}
