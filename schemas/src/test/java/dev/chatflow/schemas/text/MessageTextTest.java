package dev.chatflow.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageTextTest {

    @Test
    void normalizesToNfc() {
        String decomposed = "e\u0301"; // e + combining acute
        assertThat(MessageText.normalize(decomposed)).isEqualTo("\u00e9");
    }

    @Test
    void removesControlCharactersButNewlineAndTab() {
        assertThat(MessageText.normalize("a\u0000b\u0007c\nd\te\u001b[31m")).isEqualTo("abc\nd\te[31m");
    }

    @Test
    void trimsWhiteSpace() {
        assertThat(MessageText.normalize("  \n hello world \t\n")).isEqualTo("hello world");
        assertThat(MessageText.normalize(" \u0000 ")).isEmpty();
    }

    @Test
    void countsCodePoints() {
        assertThat(MessageText.length("😀😀")).isEqualTo(2);
    }

    @Test
    void previewCutsAtCodePointsWithAnEllipsis() {
        assertThat(MessageText.preview("short", 100)).isEqualTo("short");
        String preview = MessageText.preview("😀".repeat(150), 100);
        assertThat(MessageText.length(preview)).isEqualTo(100);
        assertThat(preview).endsWith("😀…");
    }
}
