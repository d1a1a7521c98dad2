package dev.chatflow.ingest.sessions;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.chatflow.ingest.accounts.Account;
import dev.chatflow.kit.auth.InvalidTokenException;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.auth.JwtVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Mints session tokens: ES256-signed JWTs with issuer, audience, subject (user id), username, issue
 * time and expiry. Only the ingest gateway holds the private key; every service verifies with
 * {@link JwtVerifier} and the public key.
 */
public final class TokenIssuer {

    private final Algorithm algorithm;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public TokenIssuer(JwtKeys.Pair keys, String issuer, String audience, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.ECDSA256(keys.publicKey(), keys.privateKey());
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
    }

    public Session issue(Account account) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = now.plus(ttl);
        String token = JWT.create()
                .withIssuer(issuer)
                .withAudience(audience)
                .withSubject(account.id().toString())
                .withClaim(JwtVerifier.USERNAME_CLAIM, account.username())
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .withJWTId(UUID.randomUUID().toString())
                .sign(algorithm);
        return new Session(token, "Bearer", expiresAt,
                new Session.User(account.id().toString(), account.username()));
    }

    /** Fails start-up when {@code verifier} would refuse this issuer's tokens (e.g. keys that are no pair). */
    public void checkVerifiableBy(JwtVerifier verifier) {
        Account probe = new Account(new UUID(0, 0), "start-up-probe", clock.instant());
        try {
            verifier.verify(issue(probe).token());
        } catch (InvalidTokenException e) {
            throw new IllegalStateException("session tokens signed with jwt.private.key do not verify with "
                    + "jwt.public.key (" + e.getMessage() + "); are they one key pair?", e);
        }
    }
}
