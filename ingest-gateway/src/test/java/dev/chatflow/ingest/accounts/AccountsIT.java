package dev.chatflow.ingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.auth.Principal;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class AccountsIT {

    private final TestGateway gateway;
    private final ApiClient api;

    AccountsIT(TestGateway gateway) {
        this.gateway = gateway;
        this.api = gateway.api();
    }

    @Test
    void signUpCreatesTheAccountAsAMemberOfGeneral() {
        String username = ApiClient.uniqueName("Alice.");
        ApiClient.Response created = api.signUp(username, ApiClient.PASSWORD);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("username").asText()).isEqualTo(username);
        assertThat(created.body().get("id").asText()).hasSize(36);
        assertThat(Instant.parse(created.body().get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(created.body().has("password")).isFalse();
        assertThat(created.raw().body()).doesNotContain("argon2");

        String token = api.logIn(username, ApiClient.PASSWORD).body().get("token").asText();
        JsonNode general = generalChannel(token);
        assertThat(general.get("joined").asBoolean()).isTrue();
    }

    @Test
    void aUsernameThatDiffersOnlyInCaseIsTaken() {
        String username = ApiClient.uniqueName("bob");
        assertThat(api.signUp(username, ApiClient.PASSWORD).status()).isEqualTo(201);

        ApiClient.Response again = api.signUp(username.toUpperCase(), ApiClient.PASSWORD);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("username_taken");
    }

    @Test
    void anInvalidUsernameIs400() {
        for (String bad : new String[] {"ab", "x".repeat(33), "with space", "robert'); DROP TABLE users;--"}) {
            ApiClient.Response r = api.signUp(bad, ApiClient.PASSWORD);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("invalid_username");
        }
        ApiClient.Response missing = api.post("/api/v1/users", null, "{\"password\":\"" + ApiClient.PASSWORD + "\"}");
        assertThat(missing.errorCode()).isEqualTo("invalid_username");
    }

    @Test
    void aWeakPasswordIs400() {
        for (String bad : new String[] {"short", "p".repeat(129)}) {
            ApiClient.Response r = api.signUp(ApiClient.uniqueName("carol"), bad);
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("weak_password");
        }
    }

    @Test
    void loginReturnsAnEs256BearerTokenValidForAnHour() throws Exception {
        String username = ApiClient.uniqueName("dave");
        String id = api.signUp(username, ApiClient.PASSWORD).body().get("id").asText();

        ApiClient.Response session = api.logIn(username.toUpperCase(), ApiClient.PASSWORD);

        assertThat(session.status()).isEqualTo(200);
        assertThat(session.body().get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(session.body().at("/user/id").asText()).isEqualTo(id);
        assertThat(session.body().at("/user/username").asText()).isEqualTo(username);
        Instant expiresAt = Instant.parse(session.body().get("expiresAt").asText());
        assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
        Principal principal = new JwtVerifier(gateway.keys().publicKey(), "chatflow", "chatflow")
                .verify(session.body().get("token").asText());
        assertThat(principal).isEqualTo(new Principal(id, username));
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        String username = ApiClient.uniqueName("erin");
        api.signUp(username, ApiClient.PASSWORD);

        ApiClient.Response wrongPassword = api.logIn(username, "not-the-password");
        ApiClient.Response unknownUser = api.logIn(ApiClient.uniqueName("nobody"), ApiClient.PASSWORD);
        ApiClient.Response impossibleUser = api.logIn("' OR '1'='1", "' OR '1'='1");

        for (ApiClient.Response r : new ApiClient.Response[] {wrongPassword, unknownUser, impossibleUser}) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.errorCode()).isEqualTo("invalid_credentials");
            assertThat(r.raw().body()).isEqualTo(wrongPassword.raw().body());
        }
    }

    @Test
    void sqlMetacharactersInCredentialsAreStoredVerbatimAndHarmless() throws Exception {
        // '_' is LIKE's wildcard and '--' SQL's comment: they must match only themselves
        String base = ApiClient.uniqueName("abc");
        String wildcard = base.replace("abc", "a_c") + "--";
        String password = "' OR '1'='1'; DROP TABLE users; --";
        assertThat(api.signUp(base + "--", ApiClient.PASSWORD).status()).isEqualTo(201);

        ApiClient.Response created = api.signUp(wildcard, password);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("username").asText()).isEqualTo(wildcard);
        assertThat(api.logIn(wildcard, password).status()).isEqualTo(200);
        assertThat(api.logIn(wildcard, ApiClient.PASSWORD).status()).isEqualTo(401);
        assertThat(api.logIn(base.replace("abc", "a%c") + "--", password).status()).isEqualTo(401);
        try (var connection = DriverManager.getConnection(gateway.stack().jdbcUrl(), gateway.stack().jdbcUser(),
                gateway.stack().jdbcPassword());
             var statement = connection.prepareStatement("SELECT count(*) FROM users WHERE username = ?")) {
            statement.setString(1, wildcard);
            var rows = statement.executeQuery();
            rows.next();
            assertThat(rows.getInt(1)).isEqualTo(1);
        }
    }

    private JsonNode generalChannel(String token) {
        for (JsonNode channel : api.listChannels(token).body().get("channels")) {
            if (channel.get("name").asText().equals("general")) {
                return channel;
            }
        }
        throw new AssertionError("no general channel");
    }
}
