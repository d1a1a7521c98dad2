package dev.chatflow.kit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.chatflow.schemas.json.Json;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Map;

/** Writes JSON responses, including the error shape of the contracts. */
public final class Responses {

    public static final String JSON = "application/json; charset=utf-8";

    private Responses() {
    }

    /** Sends {@code body} as JSON with {@code status}. Safe on I/O and worker threads. */
    public static void json(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response body", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /** Sends a status without a body (204, for instance). */
    public static void empty(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        exchange.endExchange();
    }

    /** Sends {@code {"error":{"code":…,"message":…}}}. */
    public static void error(HttpServerExchange exchange, int status, String code, String message) {
        json(exchange, status, errorBody(code, message));
    }

    /** The error shape of the contracts, for HTTP bodies and WebSocket frames alike. */
    public static Map<String, Object> errorBody(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }
}
