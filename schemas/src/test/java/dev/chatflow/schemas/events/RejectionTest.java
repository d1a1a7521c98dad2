package dev.chatflow.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RejectionTest {

    @Test
    void utf8OriginalIsKeptAsReadableText() {
        byte[] value = "{not json ✓".getBytes(StandardCharsets.UTF_8);
        Rejection.Original original = Rejection.Original.of("chat.messages.raw", 0, 5, "k", value);
        assertThat(original.valueEncoding()).isEqualTo(Rejection.Encoding.UTF8);
        assertThat(original.value()).isEqualTo("{not json ✓");
        assertThat(original.valueBytes()).isEqualTo(value);
    }

    @Test
    void nonUtf8OriginalIsKeptVerbatimAsBase64() {
        byte[] value = {(byte) 0xC3, (byte) 0x28, 0, (byte) 0xFF};
        Rejection.Original original = Rejection.Original.of("chat.messages.raw", 0, 5, null, value);
        assertThat(original.valueEncoding()).isEqualTo(Rejection.Encoding.BASE64);
        assertThat(original.valueBytes()).isEqualTo(value);
    }
}
