package dev.chatflow.delivery.frames;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.json.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundFramesTest {

    private static final UserRef ALICE = new UserRef("u-a", "alice");
    private static final UserRef BOB = new UserRef("u-b", "bob");

    @Test
    void messageFrameIsTheContractShapeWithoutProcessingMetadata() throws Exception {
        ProcessedMessage m = ProcessedMessage.of("c1", 42, "m42", "cm42", ALICE, "hi @bob", List.of(BOB), 40L,
                new ReplyPreview(40L, BOB, "first"), Instant.parse("2026-12-03T12:00:00.123Z"),
                Instant.parse("2026-12-03T12:00:00.200Z"));

        JsonNode frame = Json.mapper().readTree(OutboundFrames.message(m));

        assertThat(frame.toString()).isEqualTo("{\"type\":\"message\",\"channelId\":\"c1\",\"seq\":42,\"messageId\":\"m42\","
                + "\"clientMsgId\":\"cm42\",\"sender\":{\"id\":\"u-a\",\"username\":\"alice\"},\"text\":\"hi @bob\","
                + "\"mentions\":[{\"id\":\"u-b\",\"username\":\"bob\"}],\"replyTo\":40,"
                + "\"reply\":{\"seq\":40,\"sender\":{\"id\":\"u-b\",\"username\":\"bob\"},\"preview\":\"first\"},"
                + "\"sentAt\":\"2026-12-03T12:00:00.123Z\"}");
    }

    @Test
    void emptyMentionsAndNoReplyAreAbsent() throws Exception {
        ProcessedMessage m = ProcessedMessage.of("c1", 1, "m1", "cm1", ALICE, "plain", List.of(), null, null,
                Instant.now(), Instant.now());
        JsonNode frame = Json.mapper().readTree(OutboundFrames.message(m));
        assertThat(frame.has("mentions")).isFalse();
        assertThat(frame.has("replyTo")).isFalse();
        assertThat(frame.has("reply")).isFalse();
    }

    @Test
    void controlFramesHaveTheirContractShapes() throws Exception {
        assertThat(Json.mapper().readTree(OutboundFrames.subscribed("c1", 7)).toString())
                .isEqualTo("{\"type\":\"subscribed\",\"channelId\":\"c1\",\"lastSeq\":7}");
        assertThat(Json.mapper().readTree(OutboundFrames.pong()).toString()).isEqualTo("{\"type\":\"pong\"}");
        JsonNode error = Json.mapper().readTree(OutboundFrames.error(null, "not_a_member", "no"));
        assertThat(error.get("type").asText()).isEqualTo("error");
        assertThat(error.at("/error/code").asText()).isEqualTo("not_a_member");
        assertThat(error.at("/error/message").asText()).isEqualTo("no");
        assertThat(error.has("channelId")).isFalse();
    }
}
