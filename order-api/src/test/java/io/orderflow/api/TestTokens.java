package io.orderflow.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Signs tokens as the identity provider would, with a key pair made for this test run:
 * the app under test reads the public half from a PEM file through the standard
 * {@code spring.security.oauth2.resourceserver.jwt.public-key-location}.
 */
final class TestTokens {

	static final String AUDIENCE = "order-api";

	private static final KeyPair KEYS = generate();

	private static final Path PUBLIC_KEY = writePublicKey();

	private static final NimbusJwtEncoder ENCODER = encoder(KEYS);

	private TestTokens() {
	}

	/** A {@code file:} location of the public key, in PEM. */
	static String publicKeyLocation() {
		return PUBLIC_KEY.toUri().toString();
	}

	/** A token valid for an hour, for {@code subject} with these scopes. */
	static String token(String subject, String... scopes) {
		return sign(claims(subject, scopes).build());
	}

	/**
	 * The claims of {@link #token}, to change before signing (a token that breaks the
	 * contract on purpose).
	 */
	static JwtClaimsSet.Builder claims(String subject, String... scopes) {
		Instant now = Instant.now();
		return JwtClaimsSet.builder()
			.subject(subject)
			.audience(List.of(AUDIENCE))
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofHours(1)))
			.claim("scope", String.join(" ", scopes));
	}

	/** Signs exactly these claims, for tokens that break the contract on purpose. */
	static String sign(JwtClaimsSet claims) {
		return sign(claims, ENCODER);
	}

	/** Signs with a key the app does not trust. */
	static String signWithUnknownKey(JwtClaimsSet claims) {
		return sign(claims, encoder(generate()));
	}

	private static String sign(JwtClaimsSet claims, NimbusJwtEncoder encoder) {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).build();
		return encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
	}

	private static NimbusJwtEncoder encoder(KeyPair keys) {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
			.build();
		return new NimbusJwtEncoder(new ImmutableJWKSet<SecurityContext>(new JWKSet(key)));
	}

	private static KeyPair generate() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			return generator.generateKeyPair();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("RSA is part of every JVM", ex);
		}
	}

	private static Path writePublicKey() {
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		try {
			Path file = Files.createTempFile("order-api-test-jwt", ".pem");
			file.toFile().deleteOnExit();
			return Files.writeString(file, pem);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
