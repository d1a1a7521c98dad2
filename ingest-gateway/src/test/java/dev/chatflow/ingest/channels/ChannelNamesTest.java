package dev.chatflow.ingest.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.kit.http.ApiException;
import org.junit.jupiter.api.Test;

class ChannelNamesTest {

    private static void assertInvalid(String name) {
        assertThatThrownBy(() -> ChannelNames.normalize(name)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo("invalid_channel_name"));
    }

    @Test
    void namesAreTrimmedAndKeptInNfc() {
        assertThat(ChannelNames.normalize("  Cafe\u0301 talk  ")).isEqualTo("Café talk");
    }

    @Test
    void anyScriptAndPunctuationIsAllowed() {
        assertThat(ChannelNames.normalize("日本語 · ¿qué? 🎉 'x'; DROP TABLE--")).isEqualTo("日本語 · ¿qué? 🎉 'x'; DROP TABLE--");
    }

    @Test
    void lengthIsOneTo80CharactersAfterTrimming() {
        assertInvalid("   ");
        assertInvalid(null);
        assertThat(ChannelNames.normalize("🎉".repeat(80))).hasSize(160);
        assertInvalid("x".repeat(81));
    }

    @Test
    void controlCharactersAndLineBreaksAreRefused() {
        assertInvalid("a\nb");
        assertInvalid("a\u0000b");
        assertInvalid("a\u2028b");
    }

    @Test
    void namesDifferingOnlyInCaseShareTheirKeyInAnyScript() {
        assertThat(ChannelNames.key("Über Team")).isEqualTo(ChannelNames.key("über team"));
        assertThat(ChannelNames.key("Straße")).isEqualTo(ChannelNames.key("STRASSE"));
        assertThat(ChannelNames.key("ΣΊΣΥΦΟΣ")).isEqualTo(ChannelNames.key("σίσυφος"));
        assertThat(ChannelNames.key("general")).isEqualTo("general");
        assertThat(ChannelNames.key("a_b")).isNotEqualTo(ChannelNames.key("a%b"));
    }
}
