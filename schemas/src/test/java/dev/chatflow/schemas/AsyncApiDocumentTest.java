package dev.chatflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.topics.Topic;
import dev.chatflow.schemas.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml describes exactly the catalog's topics, with the schema files of their events. */
class AsyncApiDocumentTest {

    private static final Path DOCS = Path.of("..", "docs", "asyncapi.yaml");
    private static final Map<String, EventType> EVENT_OF_TOPIC = Map.of(
            Topics.RAW_MESSAGES.name(), EventType.RAW_MESSAGE,
            Topics.MESSAGES.name(), EventType.PROCESSED_MESSAGE,
            Topics.REJECTED_MESSAGES.name(), EventType.REJECTION,
            Topics.USERS.name(), EventType.USER_PROFILE,
            Topics.MEMBERSHIPS.name(), EventType.MEMBERSHIP);

    @Test
    void everyTopicIsAChannelWhosePayloadIsItsEventsSchemaFile() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(DOCS.toFile());
        assertThat(doc.path("asyncapi").asText()).startsWith("3.");

        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());

        doc.path("channels").forEach(channel -> {
            EventType type = EVENT_OF_TOPIC.get(channel.path("address").asText());
            JsonNode messageRef = channel.path("messages").elements().next().path("$ref");
            String messageName = messageRef.asText().substring("#/components/messages/".length());
            JsonNode message = doc.path("components").path("messages").path(messageName);
            assertThat(message.path("name").asText()).isEqualTo(type.eventType());
            Path schemaFile = DOCS.getParent().resolve(message.path("payload").path("$ref").asText()).normalize();
            assertThat(schemaFile).exists();
            assertThat(schemaFile.toString().replace('\\', '/')).endsWith(type.schemaResource());
        });
    }

    @Test
    void everyEventTypeHasItsSchemaOnTheClasspath() throws Exception {
        for (EventType type : EventType.values()) {
            try (var in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
                assertThat(in).as(type.schemaResource()).isNotNull();
                assertThat(new String(in.readAllBytes())).contains("\"$id\": \"https://chatflow.dev/schemas/"
                        + type.eventType() + ".v" + type.currentVersion() + ".schema.json\"");
            }
        }
        assertThat(Files.exists(DOCS)).isTrue();
    }
}
