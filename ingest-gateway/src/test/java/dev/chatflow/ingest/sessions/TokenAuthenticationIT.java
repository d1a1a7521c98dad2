package dev.chatflow.ingest.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every call but sign-up and login needs a valid session token; each way a token can be bad is a 401. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class TokenAuthenticationIT {

    private final TestGateway gateway;
    private final ApiClient api;
    private final ApiClient.User user;

    TokenAuthenticationIT(TestGateway gateway) {
        this.gateway = gateway;
        this.api = gateway.api();
        this.user = api.newUser();
    }

    private com.auth0.jwt.JWTCreator.Builder claims(Instant expiresAt) {
        return JWT.create().withIssuer("chatflow").withAudience("chatflow").withSubject(user.id())
                .withClaim("username", user.username()).withIssuedAt(Date.from(Instant.now().minusSeconds(7200)))
                .withExpiresAt(Date.from(expiresAt));
    }

    private void assertUnauthorized(String token) {
        ApiClient.Response r = api.listChannels(token);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void theLoginTokenIsAccepted() {
        assertThat(api.listChannels(user.token()).status()).isEqualTo(200);
    }

    @Test
    void aTokenSignedHereWithTheRightClaimsIsAccepted() {
        JwtKeys.Pair keys = gateway.keys();
        String token = claims(Instant.now().plusSeconds(60)).sign(Algorithm.ECDSA256(keys.publicKey(), keys.privateKey()));
        assertThat(api.listChannels(token).status()).isEqualTo(200);
    }

    @Test
    void noTokenIs401() {
        assertUnauthorized(null);
        ApiClient.Response basic = api.sendWithHeaders("GET", "/api/v1/channels", null, Map.of("Authorization", "Basic YTpi"));
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIs401() {
        JwtKeys.Pair keys = gateway.keys();
        assertUnauthorized(claims(Instant.now().minusSeconds(60)).sign(Algorithm.ECDSA256(keys.publicKey(), keys.privateKey())));
    }

    @Test
    void aTokenSignedByAnotherKeyIs401() {
        KeyPair other = JwtKeys.generate();
        assertUnauthorized(claims(Instant.now().plusSeconds(600))
                .sign(Algorithm.ECDSA256((ECPublicKey) other.getPublic(), (ECPrivateKey) other.getPrivate())));
    }

    @Test
    void aTokenWithAlgNoneIs401() {
        assertUnauthorized(claims(Instant.now().plusSeconds(600)).sign(Algorithm.none()));
        // and hand-made, with an empty signature
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"iss\":\"chatflow\",\"aud\":\"chatflow\",\"sub\":\"" + user.id()
                + "\",\"username\":\"" + user.username() + "\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}");
        assertUnauthorized(header + "." + payload + ".");
    }

    @Test
    void aTokenWithAnotherAlgorithmIs401() {
        assertUnauthorized(claims(Instant.now().plusSeconds(600)).sign(Algorithm.HMAC256("guessable")));
    }

    @Test
    void aTokenForAnotherAudienceOrIssuerIs401() {
        JwtKeys.Pair keys = gateway.keys();
        Algorithm es256 = Algorithm.ECDSA256(keys.publicKey(), keys.privateKey());
        assertUnauthorized(claims(Instant.now().plusSeconds(600)).withAudience("someone-else").sign(es256));
        assertUnauthorized(claims(Instant.now().plusSeconds(600)).withIssuer("someone-else").sign(es256));
    }

    @Test
    void garbageIs401() {
        assertUnauthorized("not.a.jwt");
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
