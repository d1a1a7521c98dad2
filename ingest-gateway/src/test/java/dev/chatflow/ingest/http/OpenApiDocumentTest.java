package dev.chatflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatflow.kit.http.Routes;
import io.undertow.server.HttpHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document of the ingest gateway says what the routing table does, no more and no less. */
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi", "ingest-gateway.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private static JsonNode openApi;

    @BeforeAll
    static void read() throws Exception {
        openApi = new ObjectMapper(new YAMLFactory()).readTree(DOCUMENT.toFile());
    }

    private static List<Routes.Route> routingTable() {
        HttpHandler none = exchange -> { };
        return IngestRoutes.build(new IngestRoutes.Endpoints(none, none, none, none, none, none, none, none, none,
                none, none)).routes();
    }

    private static List<Routes.Route> documentedOperations() {
        List<Routes.Route> operations = new ArrayList<>();
        openApi.get("paths").properties().forEach(path -> path.getValue().properties().stream().map(java.util.Map.Entry::getKey).forEach(name -> {
            if (METHODS.contains(name)) {
                operations.add(new Routes.Route(name.toUpperCase(Locale.ROOT), path.getKey()));
            }
        }));
        return operations;
    }

    @Test
    void isOpenApi31() {
        assertThat(openApi.get("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documentsExactlyTheRoutesOfTheRoutingTable() {
        assertThat(documentedOperations()).containsExactlyInAnyOrderElementsOf(routingTable());
    }

    @Test
    void everyErrorResponseHasTheErrorShape() {
        List<String> problems = new ArrayList<>();
        openApi.get("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            if (!METHODS.contains(op.getKey()) || path.getKey().equals("/health")) {
                return;
            }
            op.getValue().get("responses").properties().forEach(response -> {
                if (response.getKey().compareTo("400") >= 0) {
                    JsonNode resolved = resolve(response.getValue());
                    String schema = resolved.at("/content/application~1json/schema/$ref").asText();
                    if (!schema.equals("#/components/schemas/Error")) {
                        problems.add(op.getKey() + " " + path.getKey() + " " + response.getKey());
                    }
                }
            });
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void documentsEveryErrorCodeOfTheMessageIntake() {
        String intake = openApi.at("/paths/~1api~1v1~1channels~1{id}~1messages/post").toString()
                + openApi.at("/components/responses").toString();
        assertThat(intake).contains("invalid_client_msg_id", "invalid_text", "invalid_reply_to", "unauthorized",
                "not_a_member", "channel_not_found", "message_too_large", "rate_limited", "unavailable", "Retry-After");
    }

    private static JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : openApi.at(ref.asText().substring(1));
    }
}
