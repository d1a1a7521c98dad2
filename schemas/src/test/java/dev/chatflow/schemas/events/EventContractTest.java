package dev.chatflow.schemas.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chatflow.schemas.JsonSchemas;
import dev.chatflow.schemas.Samples;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.serde.EventSerde;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event round-trips through its serde and what the serde writes is valid under the published schema. */
class EventContractTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleRoundTripsThroughItsSerde(EventType type) {
        Object sample = Samples.of(type);
        EventSerde<Object> serde = serde(type);
        byte[] bytes = serde.serialize("t", sample);
        assertThat(serde.deserialize("t", bytes)).isEqualTo(sample);
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void serializedSampleIsValidUnderItsJsonSchema(EventType type) throws Exception {
        byte[] bytes = serde(type).serialize("t", Samples.of(type));
        JsonNode document = Json.mapper().readTree(bytes);
        assertThat(JsonSchemas.validate(type, document)).isEmpty();
        assertThat(document.get("schemaVersion").asInt()).isEqualTo(type.currentVersion());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void jsonSchemaRejectsADocumentWithoutItsRequiredFields(EventType type) throws Exception {
        ObjectNode document = (ObjectNode) Json.mapper().readTree(serde(type).serialize("t", Samples.of(type)));
        document.remove("schemaVersion");
        assertThat(JsonSchemas.validate(type, document))
                .anySatisfy(m -> assertThat(m.getMessage()).contains("schemaVersion"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void jsonSchemaRejectsAnUnknownSchemaVersion(EventType type) throws Exception {
        ObjectNode document = (ObjectNode) Json.mapper().readTree(serde(type).serialize("t", Samples.of(type)));
        document.put("schemaVersion", 99);
        assertThat(JsonSchemas.validate(type, document)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = {"RAW_MESSAGE", "PROCESSED_MESSAGE"})
    void jsonSchemaRejectsWrongTypesAndOversizedText(EventType type) throws Exception {
        ObjectNode sample = (ObjectNode) Json.mapper().readTree(serde(type).serialize("t", Samples.of(type)));

        ObjectNode wrongType = sample.deepCopy();
        wrongType.put("text", 5);
        assertThat(JsonSchemas.validate(type, wrongType)).isNotEmpty();

        ObjectNode tooLong = sample.deepCopy();
        tooLong.put("text", "é".repeat(RawMessage.MAX_TEXT_LENGTH + 1));
        assertThat(JsonSchemas.validate(type, tooLong)).isNotEmpty();

        ObjectNode badInstant = sample.deepCopy();
        badInstant.put(type == EventType.RAW_MESSAGE ? "receivedAt" : "sentAt", "yesterday");
        assertThat(JsonSchemas.validate(type, badInstant)).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void valuesAreReadablePlainJson(EventType type) {
        String text = new String(serde(type).serialize("t", Samples.of(type)), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{").doesNotContain("\\u0000");
        if (type == EventType.RAW_MESSAGE) {
            assertThat(text).contains("\"receivedAt\":\"2026-12-03T12:00:00.123Z\"").contains("ñ");
        }
    }

    @SuppressWarnings("unchecked")
    private static EventSerde<Object> serde(EventType type) {
        return (EventSerde<Object>) EventSerde.of(type, (Class<Object>) type.recordClass());
    }
}
