package io.orderflow.benchmark.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Stands in for the identity provider: a key pair made for this benchmark, whose public
 * half order-api trusts (as a PEM file named by
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and RS256
 * bearer tokens signed with the private half. The workloads mint their token once, so
 * signing is not part of what they measure.
 */
public final class DevTokens {

	private static final String AUDIENCE = "order-api";

	private static final Duration LIFETIME = Duration.ofHours(24);

	private static final String HEADER = """
			{"alg":"RS256","typ":"JWT"}""";

	private static final String CLAIMS = """
			{"sub":"%s","aud":"%s","scope":"%s","iat":%d,"exp":%d}""";

	private final KeyPair keys;

	private final Path publicKey;

	private DevTokens(KeyPair keys, Path publicKey) {
		this.keys = keys;
		this.publicKey = publicKey;
	}

	/** A new RSA key pair, its public key written to a temporary PEM file. */
	public static DevTokens generate() {
		KeyPair keys;
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			keys = generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA is part of every JVM", ex);
		}
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(keys.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		try {
			Path file = Files.createTempFile("benchmark-order-api-jwt", ".pem");
			file.toFile().deleteOnExit();
			return new DevTokens(keys, Files.writeString(file, pem));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The {@code file:} location of the public key, for order-api. */
	String publicKeyLocation() {
		return this.publicKey.toUri().toString();
	}

	/**
	 * A token of the checkout backend, which places orders ({@code orders:place}), valid
	 * for a day.
	 */
	public String checkout() {
		return sign("checkout", "orders:place");
	}

	/** Subject and scopes are plain words: they go into the JSON unescaped. */
	private String sign(String subject, String... scopes) {
		Instant now = Instant.now();
		String claims = CLAIMS.formatted(subject, AUDIENCE, String.join(" ", scopes), now.getEpochSecond(),
				now.plus(LIFETIME).getEpochSecond());
		String content = base64Url(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64Url(claims.getBytes(StandardCharsets.UTF_8));
		try {
			Signature rs256 = Signature.getInstance("SHA256withRSA");
			rs256.initSign(this.keys.getPrivate());
			rs256.update(content.getBytes(StandardCharsets.US_ASCII));
			return content + "." + base64Url(rs256.sign());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA256withRSA is part of every JVM", ex);
		}
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
