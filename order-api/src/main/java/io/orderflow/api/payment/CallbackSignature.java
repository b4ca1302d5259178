package io.orderflow.api.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The {@code Payment-Signature} header, {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, in
 * the scheme Stripe uses: the MAC covers {@code "<t>.<raw body>"}, so a replayed body
 * with a new timestamp does not verify, and the timestamp bounds how long a captured
 * request can be replayed. While secrets rotate, the gateway may send several {@code v1}
 * values and we may accept two secrets: any pair that matches will do.
 */
final class CallbackSignature {

	private CallbackSignature() {
	}

	/**
	 * @return why the signature is not acceptable, or empty if it is
	 */
	static Optional<String> problemWith(@Nullable String header, byte[] body, List<String> secrets, Instant now,
			Duration tolerance) {
		if (header == null || header.isBlank()) {
			return Optional.of("the Payment-Signature header is missing");
		}
		Long timestamp = null;
		List<String> signatures = new ArrayList<>();
		for (String element : header.split(",")) {
			String[] pair = element.trim().split("=", 2);
			if (pair.length == 2 && pair[0].equals("t") && pair[1].matches("\\d{1,12}")) {
				timestamp = Long.parseLong(pair[1]);
			}
			else if (pair.length == 2 && pair[0].equals("v1")) {
				signatures.add(pair[1]);
			}
		}
		if (timestamp == null || signatures.isEmpty()) {
			return Optional.of("the Payment-Signature header must hold t=<unix seconds> and at least one v1=<hex>");
		}
		if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
			return Optional.of("the signature timestamp is more than " + tolerance + " from now");
		}
		long signedAt = timestamp;
		List<byte[]> expected = secrets.stream().map((secret) -> hmac(secret, signedAt, body)).toList();
		boolean matches = signatures.stream()
			.filter((signature) -> signature.matches("[0-9a-f]{64}"))
			.map(HexFormat.of()::parseHex)
			.anyMatch((signature) -> expected.stream().anyMatch((mac) -> MessageDigest.isEqual(mac, signature)));
		return matches ? Optional.empty() : Optional.of("no v1 signature matches");
	}

	static String sign(String secret, long timestamp, byte[] body) {
		return HexFormat.of().formatHex(hmac(secret, timestamp, body));
	}

	private static byte[] hmac(String secret, long timestamp, byte[] body) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JVM", ex);
		}
	}

}
