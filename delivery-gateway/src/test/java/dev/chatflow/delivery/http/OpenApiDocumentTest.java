package dev.chatflow.delivery.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chatflow.kit.http.Routes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OpenAPI document describes exactly the routing table, and the contract's error codes. */
class OpenApiDocumentTest {

    private static final Path DOCUMENT = Path.of("..", "docs", "openapi", "delivery-gateway.yaml");

    private static JsonNode document() throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(Files.readString(DOCUMENT));
    }

    @Test
    void documentedOperationsAreExactlyTheRoutes() throws Exception {
        Set<String> documented = new HashSet<>();
        for (Map.Entry<String, JsonNode> path : document().get("paths").properties()) {
            path.getValue().fieldNames().forEachRemaining(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey()));
        }
        Routes routes = DeliveryRoutes.table(exchange -> { }, exchange -> { }, exchange -> { }, exchange -> { });

        Set<String> routed = routes.routes().stream().map(r -> r.method() + " " + r.template()).collect(Collectors.toSet());

        assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
    }

    @Test
    void historyDocumentsEveryErrorStatusOfTheContract() throws Exception {
        JsonNode responses = document().at("/paths/~1api~1v1~1channels~1{id}~1messages/get/responses");
        assertThat(responses.has("200")).isTrue();
        for (String status : new String[] {"400", "401", "403", "404"}) {
            assertThat(responses.has(status)).as(status).isTrue();
        }
        JsonNode limit = document().at("/paths/~1api~1v1~1channels~1{id}~1messages/get/parameters/3/schema");
        assertThat(limit.get("minimum").asInt()).isEqualTo(1);
        assertThat(limit.get("maximum").asInt()).isEqualTo(200);
        assertThat(limit.get("default").asInt()).isEqualTo(50);
    }

    @Test
    void socketDocumentsTheCloseCodes() throws Exception {
        String description = document().at("/paths/~1ws/get/description").asText();
        assertThat(description).contains("4401", "4403", "4008");
    }

    @Test
    void isOpenApi31() throws Exception {
        assertThat(document().get("openapi").asText()).startsWith("3.1");
    }
}
