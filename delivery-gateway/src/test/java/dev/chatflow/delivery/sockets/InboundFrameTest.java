package dev.chatflow.delivery.sockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InboundFrameTest {

    @Test
    void readsEveryFrameOfTheProtocol() throws Exception {
        assertThat(InboundFrame.parse("{\"type\":\"auth\",\"token\":\"t\"}")).isEqualTo(new InboundFrame.Auth("t"));
        assertThat(InboundFrame.parse("{\"type\":\"subscribe\",\"channelId\":\"c\"}"))
                .isEqualTo(new InboundFrame.Subscribe("c", null));
        assertThat(InboundFrame.parse("{\"type\":\"subscribe\",\"channelId\":\"c\",\"sinceSeq\":42}"))
                .isEqualTo(new InboundFrame.Subscribe("c", 42L));
        assertThat(InboundFrame.parse("{\"type\":\"unsubscribe\",\"channelId\":\"c\"}"))
                .isEqualTo(new InboundFrame.Unsubscribe("c"));
        assertThat(InboundFrame.parse("{\"type\":\"ping\"}")).isEqualTo(new InboundFrame.Ping());
    }

    @Test
    void textThatIsNotOneJsonObjectIsMalformed() {
        for (String text : new String[] {"", "{", "[1]", "\"ping\"", "{\"type\":\"ping\"} trailing"}) {
            assertThatThrownBy(() -> InboundFrame.parse(text)).as(text).isInstanceOf(InboundFrame.Invalid.class)
                    .extracting(e -> ((InboundFrame.Invalid) e).code()).isEqualTo("malformed_frame");
        }
    }

    @Test
    void unknownTypeIsNamed() {
        assertThatThrownBy(() -> InboundFrame.parse("{\"type\":\"send\"}")).isInstanceOf(InboundFrame.Invalid.class)
                .hasMessageContaining("send").extracting(e -> ((InboundFrame.Invalid) e).code())
                .isEqualTo("unknown_frame_type");
    }

    @Test
    void missingOrWrongFieldsAreInvalid() {
        for (String text : new String[] {"{}", "{\"type\":7}", "{\"type\":\"auth\"}", "{\"type\":\"subscribe\",\"channelId\":\" \"}",
                "{\"type\":\"subscribe\",\"channelId\":\"c\",\"sinceSeq\":-1}",
                "{\"type\":\"subscribe\",\"channelId\":\"c\",\"sinceSeq\":\"5\"}",
                "{\"type\":\"subscribe\",\"channelId\":\"c\",\"sinceSeq\":1.5}", "{\"type\":\"unsubscribe\"}"}) {
            assertThatThrownBy(() -> InboundFrame.parse(text)).as(text).isInstanceOf(InboundFrame.Invalid.class)
                    .extracting(e -> ((InboundFrame.Invalid) e).code()).isEqualTo("invalid_frame");
        }
    }
}
