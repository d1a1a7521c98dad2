package dev.chatflow.delivery.frames;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chatflow.kit.http.Responses;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.json.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** The frames the gateway sends, as UTF-8 JSON bytes ready for the socket. */
public final class OutboundFrames {

    private static final ObjectWriter MESSAGE_WRITER = Json.mapper().writerFor(PushedMessage.class);
    private static final byte[] PONG = bytes(Map.of("type", "pong"));

    private OutboundFrames() {
    }

    /** {@code {"type":"message",…}}: serialized once per message and shared by every socket it goes to. */
    public static byte[] message(ProcessedMessage message) {
        try {
            return MESSAGE_WRITER.writeValueAsBytes(PushedMessage.of(message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write message frame", e);
        }
    }

    /** {@code {"type":"subscribed","channelId":…,"lastSeq":M}}. */
    public static byte[] subscribed(String channelId, long lastSeq) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "subscribed");
        frame.put("channelId", channelId);
        frame.put("lastSeq", lastSeq);
        return bytes(frame);
    }

    /** {@code {"type":"pong"}}. */
    public static byte[] pong() {
        return PONG.clone();
    }

    /**
     * {@code {"type":"error","error":{code,message}}}, with the {@code channelId} it concerns when there is
     * one (an addition to the contract's shape that lets a client tell which subscription failed).
     */
    public static byte[] error(String channelId, String code, String message) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "error");
        if (channelId != null) {
            frame.put("channelId", channelId);
        }
        frame.putAll(Responses.errorBody(code, message));
        return bytes(frame);
    }

    private static byte[] bytes(Object frame) {
        try {
            return Json.mapper().writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write frame", e);
        }
    }
}
