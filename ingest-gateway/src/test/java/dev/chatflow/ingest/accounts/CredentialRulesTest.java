package dev.chatflow.ingest.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.kit.http.ApiException;
import org.junit.jupiter.api.Test;

class CredentialRulesTest {

    @Test
    void usernamesAre3To32OfLettersDigitsUnderscoreDotAndDash() {
        assertThat(Usernames.isValid("al")).isFalse();
        assertThat(Usernames.isValid("ali")).isTrue();
        assertThat(Usernames.isValid("a.b-c_D9")).isTrue();
        assertThat(Usernames.isValid("x".repeat(32))).isTrue();
        assertThat(Usernames.isValid("x".repeat(33))).isFalse();
        assertThat(Usernames.isValid("robert'); DROP TABLE users;--")).isFalse();
        assertThat(Usernames.isValid("zoë")).isFalse();
        assertThatThrownBy(() -> Usernames.require("a b")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_username"));
    }

    @Test
    void passwordsAre8To128Characters() {
        assertThat(Passwords.require("12345678")).isEqualTo("12345678");
        assertThat(Passwords.require("p".repeat(128))).hasSize(128);
        for (String weak : new String[] {"1234567", "p".repeat(129), null}) {
            assertThatThrownBy(() -> Passwords.require(weak)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.code()).isEqualTo("weak_password"));
        }
    }

    @Test
    void hashesAreSaltedArgon2idAndVerify() {
        Passwords passwords = new Passwords();
        String hash = passwords.hash("correct horse");
        assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(passwords.hash("correct horse")).isNotEqualTo(hash);
        assertThat(passwords.matches("correct horse", hash)).isTrue();
        assertThat(passwords.matches("wrong horse", hash)).isFalse();
        assertThat(passwords.matches("correct horse", null)).isFalse();
    }
}
