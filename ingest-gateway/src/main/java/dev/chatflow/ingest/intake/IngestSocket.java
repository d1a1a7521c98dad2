package dev.chatflow.ingest.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.kit.auth.InvalidTokenException;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.auth.Principal;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.kit.http.Responses;
import dev.chatflow.schemas.json.Json;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's ingest WebSocket. The first frame is {@code {"type":"auth","token":…}}; then each
 * {@code {"type":"send",…}} frame goes through the {@link MessageIntake} and is answered with
 * {@code ack} or {@code nack}. Frames are handled one after the other up to the hand-off to Kafka, so a
 * client's messages keep their order, while the acknowledgements overlap. At most {@code window} frames
 * are unanswered: then the socket stops reading until half of them are answered, so a fast client is
 * slowed down instead of buffered without limit.
 */
final class IngestSocket extends AbstractReceiveListener {

    private static final Logger log = LoggerFactory.getLogger(IngestSocket.class);
    /** Close code for a missing, invalid or expired session (as on the delivery gateway). */
    static final int CLOSE_UNAUTHENTICATED = 4401;
    private static final long MAX_FRAME_BYTES = 64 * 1024;

    private final WebSocketChannel channel;
    private final Authenticator authenticator;
    private final MessageIntake intake;
    private final ReceiveWindow window;
    private CompletableFuture<Void> previous = CompletableFuture.completedFuture(null);
    private volatile Principal principal;
    private volatile Instant expiresAt;

    IngestSocket(WebSocketChannel channel, Authenticator authenticator, MessageIntake intake, int window) {
        this.channel = channel;
        this.authenticator = authenticator;
        this.intake = intake;
        this.window = new ReceiveWindow(window, channel::suspendReceives, channel::resumeReceives);
    }

    @Override
    protected long getMaxTextBufferSize() {
        return MAX_FRAME_BYTES;
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
        String text = message.getData();
        window.opened(); // on the I/O thread, like every other use of the window
        previous = previous.thenCompose(ignored -> handle(text));
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel ws, BufferedBinaryMessage message) {
        message.getData().free();
        WebSockets.sendClose(1003, "text frames only", ws, null);
    }

    /** Handles one frame; completes when the next one may be handled. */
    private CompletableFuture<Void> handle(String text) {
        try {
            JsonNode frame = Json.mapper().readTree(text);
            if (frame == null || !frame.isObject()) {
                nack(null, "malformed_json", "a frame is a JSON object");
                return done();
            }
            String type = frame.path("type").asText("");
            return switch (type) {
                case "auth" -> authenticate(frame.path("token").asText(""));
                case "send" -> send(frame);
                case "ping" -> {
                    reply(Map.of("type", "pong"));
                    yield done();
                }
                default -> {
                    nack(textOrNull(frame, "clientMsgId"), "unknown_frame_type",
                            "frame type '" + type + "' is unknown; expected auth or send");
                    yield done();
                }
            };
        } catch (JsonProcessingException e) {
            nack(null, "malformed_json", "the frame is not JSON: " + e.getOriginalMessage());
            return done();
        } catch (RuntimeException e) {
            log.error("ingest socket frame failed", e);
            nack(null, "internal_error", "something went wrong on our side");
            return done();
        }
    }

    private CompletableFuture<Void> authenticate(String token) {
        try {
            Authenticator.Authenticated session = authenticator.verify(token);
            expiresAt = session.expiresAt();
            principal = session.principal();
            answered();
        } catch (InvalidTokenException e) {
            close(e.getMessage());
        }
        return done();
    }

    private CompletableFuture<Void> send(JsonNode frame) {
        String clientMsgId = textOrNull(frame, "clientMsgId");
        if (principal == null) {
            close("send an auth frame with a session token first");
            return done();
        }
        if (expiresAt != null && Instant.now().isAfter(expiresAt)) {
            close("the session token has expired; log in again");
            return done();
        }
        Submission submission = intake.submit(principal, textOrNull(frame, "channelId"), SendRequest.from(frame));
        submission.outcome().whenComplete((accepted, failure) -> {
            if (failure == null) {
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", "ack");
                ack.put("clientMsgId", accepted.clientMsgId());
                ack.put("messageId", accepted.messageId());
                reply(ack);
            } else {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                if (cause instanceof ApiException api) {
                    nack(clientMsgId, api.code(), api.getMessage());
                } else {
                    log.error("message intake failed", cause);
                    nack(clientMsgId, "internal_error", "something went wrong on our side");
                }
            }
        });
        return submission.handedOff();
    }

    private void nack(String clientMsgId, String code, String message) {
        Map<String, Object> nack = new LinkedHashMap<>();
        nack.put("type", "nack");
        nack.put("clientMsgId", clientMsgId);
        nack.putAll(Responses.errorBody(code, message));
        reply(nack);
    }

    /** Sends a frame that answers the frame being handled; the window closes once it was written. */
    private void reply(Map<String, Object> frame) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a frame", e);
        }
        WebSockets.sendText(json, channel, new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel ws, Void context) {
                answered();
            }

            @Override
            public void onError(WebSocketChannel ws, Void context, Throwable throwable) {
                answered();
            }
        });
    }

    private void close(String reason) {
        answered();
        // a close reason has room for 123 bytes
        String shortReason = reason.length() > 100 ? reason.substring(0, 100) : reason;
        WebSockets.sendClose(CLOSE_UNAUTHENTICATED, shortReason, channel, null);
    }

    private void answered() {
        channel.getIoThread().execute(window::closed);
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }

    private static String textOrNull(JsonNode frame, String field) {
        JsonNode value = frame.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
