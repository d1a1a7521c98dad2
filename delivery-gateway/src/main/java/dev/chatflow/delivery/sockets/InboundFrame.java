package dev.chatflow.delivery.sockets;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;

/** A frame a client sends over the delivery socket. {@link #parse} reads one or says what is wrong with it. */
sealed interface InboundFrame {

    /** {@code {"type":"auth","token":…}}. */
    record Auth(String token) implements InboundFrame {
    }

    /** {@code {"type":"subscribe","channelId":…,"sinceSeq":N?}}; {@code sinceSeq} null: live only. */
    record Subscribe(String channelId, Long sinceSeq) implements InboundFrame {
    }

    /** {@code {"type":"unsubscribe","channelId":…}}. */
    record Unsubscribe(String channelId) implements InboundFrame {
    }

    /** {@code {"type":"ping"}}. */
    record Ping() implements InboundFrame {
    }

    /** A frame that cannot be read, with the error code and message the client gets. */
    final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final String code;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    static InboundFrame parse(String text) throws Invalid {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new Invalid("malformed_frame", "a frame must be one JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("malformed_frame", "a frame must be one JSON object");
        }
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw new Invalid("invalid_frame", "type is required: auth, subscribe, unsubscribe or ping");
        }
        return switch (type.textValue()) {
            case "auth" -> new Auth(requiredText(node, "token"));
            case "subscribe" -> new Subscribe(requiredText(node, "channelId"), sinceSeq(node));
            case "unsubscribe" -> new Unsubscribe(requiredText(node, "channelId"));
            case "ping" -> new Ping();
            default -> throw new Invalid("unknown_frame_type", "unknown frame type '" + type.textValue()
                    + "'; expected auth, subscribe, unsubscribe or ping");
        };
    }

    private static String requiredText(JsonNode node, String field) throws Invalid {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new Invalid("invalid_frame", field + " is required and must be a non-empty string");
        }
        return value.textValue();
    }

    private static Long sinceSeq(JsonNode node) throws Invalid {
        JsonNode value = node.get("sinceSeq");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new Invalid("invalid_frame", "sinceSeq must be a whole number, 0 or greater");
        }
        return value.longValue();
    }
}
