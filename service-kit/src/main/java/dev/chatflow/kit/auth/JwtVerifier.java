package dev.chatflow.kit.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.AlgorithmMismatchException;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import dev.chatflow.kit.http.ApiException;
import java.security.interfaces.ECPublicKey;

/**
 * Verifies chatflow session tokens: ES256 only (the algorithm is pinned — a token that names another,
 * {@code none} included, is refused), signed by the ingest gateway's key, for the configured issuer and
 * audience, not expired. Needs only the public key, so any service can verify and none but ingest can mint.
 */
public final class JwtVerifier {

    /** The claim that carries the username next to {@code sub} (the user id). */
    public static final String USERNAME_CLAIM = "username";

    private final JWTVerifier verifier;

    public JwtVerifier(ECPublicKey publicKey, String issuer, String audience) {
        this.verifier = JWT.require(Algorithm.ECDSA256(publicKey, null))
                .withIssuer(issuer)
                .withAudience(audience)
                .withClaimPresence(USERNAME_CLAIM)
                .withClaimPresence("sub")
                .withClaimPresence("exp")
                .acceptLeeway(5)
                .build();
    }

    public Principal verify(String token) throws InvalidTokenException {
        try {
            DecodedJWT jwt = verifier.verify(token);
            return new Principal(jwt.getSubject(), jwt.getClaim(USERNAME_CLAIM).asString());
        } catch (TokenExpiredException e) {
            throw new InvalidTokenException("the session token has expired; log in again", e);
        } catch (AlgorithmMismatchException e) {
            throw new InvalidTokenException("the session token is not signed with ES256", e);
        } catch (SignatureVerificationException e) {
            throw new InvalidTokenException("the session token's signature does not verify", e);
        } catch (JWTVerificationException e) {
            throw new InvalidTokenException("the session token is not valid: " + e.getMessage(), e);
        }
    }

    /** The principal of a request's {@code Authorization: Bearer …}; 401 {@code unauthorized} otherwise. */
    public Principal authenticate(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new ApiException(401, "unauthorized", "an Authorization: Bearer <token> header is required",
                    java.util.Map.of("WWW-Authenticate", "Bearer"));
        }
        try {
            return verify(header.substring(7).trim());
        } catch (InvalidTokenException e) {
            throw new ApiException(401, "unauthorized", e.getMessage(),
                    java.util.Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\""));
        }
    }
}
