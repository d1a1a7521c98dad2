package dev.chatflow.kit.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;

/** Reads a JSON request body, bounded in size; call it from a blocking (worker-thread) handler. */
public final class JsonBody {

    /** Default body limit of chatflow's APIs. */
    public static final long DEFAULT_MAX_BYTES = 64 * 1024;

    private JsonBody() {
    }

    /** The body as a JSON object; 400 {@code malformed_json} when it is absent, not JSON or not an object. */
    public static JsonNode readObject(HttpServerExchange exchange, long maxBytes) throws IOException {
        exchange.setMaxEntitySize(maxBytes);
        if (!exchange.isBlocking()) {
            exchange.startBlocking();
        }
        byte[] bytes;
        try (InputStream in = exchange.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("malformed_json", "a JSON object body is required");
        }
        JsonNode node = Json.mapper().readTree(bytes);
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("malformed_json", "the body must be a JSON object");
        }
        return node;
    }

    /** A required string field; 400 {@code code} when absent or not a string. */
    public static String requiredString(JsonNode body, String field, String code) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw ApiException.badRequest(code, field + " is required");
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest(code, field + " must be a string");
        }
        return value.textValue();
    }
}
