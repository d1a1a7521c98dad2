package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResendMemoryTest {

    private final ResendMemory memory = new ResendMemory(Duration.ofMinutes(1), 100);

    @Test
    void aResentClientMsgIdGetsTheSameMessageId() {
        String first = memory.messageId("c", "u", "m1");
        assertThat(memory.messageId("c", "u", "m1")).isEqualTo(first);
    }

    @Test
    void messageIdsAreTimeOrderedVersion7UuidsPerSenderAndChannel() {
        String first = memory.messageId("c", "u", "m1");
        String otherSender = memory.messageId("c", "v", "m1");
        String otherChannel = memory.messageId("d", "u", "m1");
        assertThat(UUID.fromString(first).version()).isEqualTo(7);
        assertThat(otherSender).isNotEqualTo(first);
        assertThat(otherChannel).isNotEqualTo(first).isNotEqualTo(otherSender);
        assertThat(otherChannel.compareTo(first)).isPositive();
    }
}
