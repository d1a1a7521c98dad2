package dev.chatflow.kit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {

    private final KeyPair keys = JwtKeys.generate();
    private final JwtVerifier verifier = new JwtVerifier((ECPublicKey) keys.getPublic(), "chatflow", "chatflow");

    private String token(KeyPair signer, String issuer, Instant expires) {
        return JWT.create().withIssuer(issuer).withAudience("chatflow").withSubject("u-1")
                .withClaim("username", "alice").withIssuedAt(Instant.now()).withExpiresAt(expires)
                .sign(Algorithm.ECDSA256((ECPublicKey) signer.getPublic(), (ECPrivateKey) signer.getPrivate()));
    }

    @Test
    void validTokenNamesItsUser() throws Exception {
        Principal p = verifier.verify(token(keys, "chatflow", Instant.now().plusSeconds(60)));
        assertThat(p).isEqualTo(new Principal("u-1", "alice"));
    }

    @Test
    void expiredTokenIsRefused() {
        assertThatThrownBy(() -> verifier.verify(token(keys, "chatflow", Instant.now().minusSeconds(60))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired");
    }

    @Test
    void tokenSignedByAnotherKeyIsRefused() {
        assertThatThrownBy(() -> verifier.verify(token(JwtKeys.generate(), "chatflow", Instant.now().plusSeconds(60))))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature");
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        assertThatThrownBy(() -> verifier.verify(token(keys, "someone-else", Instant.now().plusSeconds(60))))
                .isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void unsignedAlgNoneTokenIsRefused() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = b64("{\"iss\":\"chatflow\",\"aud\":\"chatflow\",\"sub\":\"u-1\",\"username\":\"alice\",\"exp\":"
                + Instant.now().plusSeconds(60).getEpochSecond() + "}");
        assertThatThrownBy(() -> verifier.verify(header + "." + payload + "."))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("ES256");
    }

    @Test
    void hmacTokenKeyedWithThePublicKeyIsRefused() {
        // the classic algorithm confusion: HS256 "signed" with the public key's bytes
        String forged = JWT.create().withIssuer("chatflow").withAudience("chatflow").withSubject("u-1")
                .withClaim("username", "alice").withExpiresAt(Instant.now().plusSeconds(60))
                .sign(Algorithm.HMAC256(keys.getPublic().getEncoded()));
        assertThatThrownBy(() -> verifier.verify(forged)).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void devKeyPairIsGeneratedOnceAndReused(@TempDir Path dataDir) {
        JwtKeys.Pair first = JwtKeys.devKeyPair(dataDir);
        JwtKeys.Pair again = JwtKeys.devKeyPair(dataDir);
        assertThat(again.publicKey().getEncoded()).isEqualTo(first.publicKey().getEncoded());
        assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(dataDir.resolve("keys").resolve(JwtKeys.PRIVATE_FILE)).exists();
    }

    @Test
    void pemRoundTrips() {
        String pem = JwtKeys.toPem("PUBLIC KEY", keys.getPublic().getEncoded());
        assertThat(JwtKeys.parsePublic(pem).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
        assertThat(JwtKeys.pemText(pem)).isSameAs(pem);
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
