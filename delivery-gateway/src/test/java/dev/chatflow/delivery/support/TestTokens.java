package dev.chatflow.delivery.support;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.chatflow.kit.auth.JwtKeys;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Session tokens as the ingest gateway mints them, signed with a key pair of the test run. */
public final class TestTokens {

    private static final KeyPair KEYS = JwtKeys.generate();
    private static final KeyPair OTHER_KEYS = JwtKeys.generate();

    private TestTokens() {
    }

    /** The PEM of the public key the gateways under test verify with. */
    public static String publicKeyPem() {
        return JwtKeys.toPem("PUBLIC KEY", KEYS.getPublic().getEncoded());
    }

    public static String token(String userId, String username) {
        return sign(KEYS, userId, username, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    /** A well-formed token signed by a key the gateway does not trust. */
    public static String foreignToken(String userId, String username) {
        return sign(OTHER_KEYS, userId, username, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    public static String expiredToken(String userId, String username) {
        return sign(KEYS, userId, username, Instant.now().minus(1, ChronoUnit.HOURS));
    }

    private static String sign(KeyPair keys, String userId, String username, Instant expiresAt) {
        return JWT.create().withIssuer("chatflow").withAudience("chatflow").withSubject(userId)
                .withClaim("username", username).withIssuedAt(Instant.now().minus(2, ChronoUnit.HOURS))
                .withExpiresAt(expiresAt)
                .sign(Algorithm.ECDSA256((ECPublicKey) keys.getPublic(), (ECPrivateKey) keys.getPrivate()));
    }
}
