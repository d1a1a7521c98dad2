package dev.chatflow.ingest.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.ingest.accounts.Account;
import dev.chatflow.kit.auth.InvalidTokenException;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.auth.Principal;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private final KeyPair pair = JwtKeys.generate();
    private final JwtKeys.Pair keys = new JwtKeys.Pair((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
    private final JwtVerifier verifier = new JwtVerifier(keys.publicKey(), "chatflow", "chatflow");
    private final Account alice = new Account(UUID.randomUUID(), "alice", Instant.now());

    @Test
    void aVerifiedTokenIsAcceptedAgainWithItsExpiry() throws Exception {
        Session session = new TokenIssuer(keys, "chatflow", "chatflow", Duration.ofMinutes(1), Clock.systemUTC()).issue(alice);
        Authenticator authenticator = new Authenticator(verifier, Clock.systemUTC());

        Authenticator.Authenticated first = authenticator.verify(session.token());
        Authenticator.Authenticated again = authenticator.verify(session.token());

        assertThat(first.principal()).isEqualTo(new Principal(alice.id().toString(), "alice"));
        assertThat(again).isEqualTo(first);
        assertThat(first.expiresAt()).isEqualTo(session.expiresAt());
    }

    @Test
    void aTokenThatFailsIsRefusedEveryTime() {
        KeyPair other = JwtKeys.generate();
        String forged = new TokenIssuer(new JwtKeys.Pair((ECPrivateKey) other.getPrivate(), (ECPublicKey) other.getPublic()),
                "chatflow", "chatflow", Duration.ofMinutes(1), Clock.systemUTC()).issue(alice).token();
        Authenticator authenticator = new Authenticator(verifier, Clock.systemUTC());

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> authenticator.verify(forged)).isInstanceOf(InvalidTokenException.class);
        }
    }

    @Test
    void anExpiredTokenIsRefusedEvenAfterItWasRemembered() throws Exception {
        Clock issuedLongAgo = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        String token = new TokenIssuer(keys, "chatflow", "chatflow", Duration.ofMinutes(1), issuedLongAgo)
                .issue(alice).token();
        Authenticator authenticator = new Authenticator(verifier, Clock.systemUTC());

        assertThatThrownBy(() -> authenticator.verify(token)).isInstanceOf(InvalidTokenException.class);
    }
}
