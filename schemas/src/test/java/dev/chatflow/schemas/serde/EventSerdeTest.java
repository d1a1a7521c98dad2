package dev.chatflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.schemas.Samples;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final EventSerde<RawMessage> raw = (EventSerde<RawMessage>) Topics.RAW_MESSAGES.valueSerde();

    @Test
    void serializerSetsEventTypeAndSchemaVersionHeadersOnce() {
        Headers headers = new RecordHeaders();
        headers.add(EventType.HEADER_EVENT_TYPE, "stale".getBytes(StandardCharsets.UTF_8));
        raw.serialize("chat.messages.raw", headers, Samples.raw());
        assertThat(headers.headers(EventType.HEADER_EVENT_TYPE)).hasSize(1);
        assertThat(new String(headers.lastHeader(EventType.HEADER_EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("chat.message.raw");
        assertThat(new String(headers.lastHeader(EventType.HEADER_SCHEMA_VERSION).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
    }

    @Test
    void tombstonesPassThroughAsNull() {
        Headers headers = new RecordHeaders();
        assertThat(Topics.MEMBERSHIPS.valueSerde().serializer().serialize("chat.memberships", headers, null)).isNull();
        assertThat(Topics.MEMBERSHIPS.valueSerde().deserializer().deserialize("chat.memberships", headers, (byte[]) null)).isNull();
    }

    @Test
    void malformedJsonIsATypedError() {
        assertRejected("{\"schemaVersion\":1,", RejectionReason.MALFORMED_JSON);
        assertRejected("not json at all", RejectionReason.MALFORMED_JSON);
        assertRejected("{} trailing", RejectionReason.MALFORMED_JSON);
    }

    @Test
    void wrongTypesAreTypedErrors() {
        assertRejected(rawJson().replace("\"replyTo\":40", "\"replyTo\":\"40\""), RejectionReason.INVALID_FIELD);
        assertRejected(rawJson().replace("\"text\":\"hi @bob, see ñ\"", "\"text\":5"), RejectionReason.INVALID_FIELD);
        assertRejected(rawJson().replace("\"receivedAt\":\"2026-12-03T12:00:00.123Z\"", "\"receivedAt\":\"soon\""),
                RejectionReason.INVALID_FIELD);
        assertRejected(rawJson().replace("\"clientMsgId\":\"m-1\"", "\"clientMsgId\":\"has space\""),
                RejectionReason.INVALID_FIELD);
        assertRejected("[1,2]", RejectionReason.INVALID_FIELD);
    }

    @Test
    void missingRequiredFieldsAreTypedErrors() {
        assertRejected(rawJson().replace("\"channelId\":\"" + Samples.CHANNEL + "\",", ""), RejectionReason.MISSING_FIELD);
        assertRejected(rawJson().replace("\"text\":\"hi @bob, see ñ\",", ""), RejectionReason.MISSING_FIELD);
        assertRejected(rawJson().replace("\"schemaVersion\":1,", ""), RejectionReason.MISSING_FIELD);
    }

    @Test
    void oversizedTextIsATypedError() {
        String longText = "ü".repeat(RawMessage.MAX_TEXT_LENGTH + 1);
        assertRejected(rawJson().replace("hi @bob, see ñ", longText), RejectionReason.TEXT_TOO_LONG);
        String justFits = "😀".repeat(RawMessage.MAX_TEXT_LENGTH); // 4000 code points, 8000 UTF-16 units
        assertThat(raw.deserialize("t", rawJson().replace("hi @bob, see ñ", justFits).getBytes(StandardCharsets.UTF_8)).text())
                .isEqualTo(justFits);
    }

    @Test
    void unknownSchemaVersionsAreTypedErrors() {
        assertRejected(rawJson().replace("\"schemaVersion\":1", "\"schemaVersion\":2"), RejectionReason.UNKNOWN_SCHEMA_VERSION);

        Headers headers = new RecordHeaders();
        headers.add(EventType.HEADER_SCHEMA_VERSION, "7".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> raw.deserialize("t", headers, rawJson().getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EventDecodingException.class,
                        e -> assertThat(e.reason()).isEqualTo(RejectionReason.UNKNOWN_SCHEMA_VERSION));
    }

    @Test
    void unknownPropertiesAreIgnoredSoFieldsCanBeAdded() {
        String withExtra = rawJson().replace("{", "{\"addedLater\":{\"x\":1},");
        assertThat(raw.deserialize("t", withExtra.getBytes(StandardCharsets.UTF_8))).isEqualTo(Samples.raw());
    }

    @Test
    void aSerdeServesOnlyItsOwnEventType() {
        assertThatThrownBy(() -> EventSerde.of(EventType.RAW_MESSAGE, UserProfile.class))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private String rawJson() {
        return new String(raw.serialize("t", Samples.raw()), StandardCharsets.UTF_8);
    }

    private void assertRejected(String json, RejectionReason reason) {
        assertThatThrownBy(() -> raw.deserialize("t", new RecordHeaders(), json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(EventDecodingException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.detail()).isNotBlank();
                });
    }
}
