package dev.chatflow.ingest.sessions;

import com.auth0.jwt.JWT;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chatflow.kit.auth.InvalidTokenException;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.auth.Principal;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link JwtVerifier} with a memory of tokens that verified. Checking an ES256 signature costs about a
 * millisecond and a half of CPU on this project's machines — more than everything else a message send
 * does — while a client sends the same token with every message. A remembered token is accepted
 * again only before its expiry; tokens that fail are never remembered, so a bad token is checked (and
 * refused) every time.
 */
public final class Authenticator {

    private record Verified(Principal principal, Instant expiresAt) {
    }

    private final JwtVerifier verifier;
    private final Clock clock;
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    public Authenticator(JwtVerifier verifier, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
    }

    /** The principal of a request's {@code Authorization: Bearer …}; 401 {@code unauthorized} otherwise. */
    public Principal authenticate(HttpServerExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        Principal remembered = header == null ? null : remembered(header);
        if (remembered != null) {
            return remembered;
        }
        Principal principal = verifier.authenticate(exchange); // throws the contracts' 401
        remember(header, header.substring("Bearer ".length()).trim(), principal);
        return principal;
    }

    /** The principal of a token (e.g. from a WebSocket auth frame) and when the token expires. */
    public Authenticated verify(String token) throws InvalidTokenException {
        Verified hit = verified.getIfPresent(token);
        if (hit != null && clock.instant().isBefore(hit.expiresAt())) {
            return new Authenticated(hit.principal(), hit.expiresAt());
        }
        Principal principal = verifier.verify(token);
        Verified fresh = remember(token, token, principal);
        return new Authenticated(principal, fresh.expiresAt());
    }

    /** A verified token's user and expiry. */
    public record Authenticated(Principal principal, Instant expiresAt) {
    }

    private Principal remembered(String key) {
        Verified hit = verified.getIfPresent(key);
        return hit != null && clock.instant().isBefore(hit.expiresAt()) ? hit.principal() : null;
    }

    private Verified remember(String key, String token, Principal principal) {
        Verified entry = new Verified(principal, JWT.decode(token).getExpiresAtAsInstant());
        verified.put(key, entry);
        return entry;
    }
}
