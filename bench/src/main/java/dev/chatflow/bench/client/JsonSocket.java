package dev.chatflow.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A WebSocket that speaks JSON frames, on the JDK's client: assembles fragmented frames, hands each
 * frame to a consumer, and serializes sends (the JDK allows one outstanding send per socket).
 */
public final class JsonSocket implements WebSocket.Listener {

    private final Consumer<JsonNode> onFrame;
    private final StringBuilder partial = new StringBuilder();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private JsonSocket(Consumer<JsonNode> onFrame) {
        this.onFrame = onFrame;
    }

    /** Opens a socket to {@code uri}; {@code onFrame} runs on the client's thread, so it must be quick. */
    public static JsonSocket open(HttpClient http, URI uri, Consumer<JsonNode> onFrame) {
        JsonSocket listener = new JsonSocket(onFrame);
        listener.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .buildAsync(uri, listener).join();
        return listener;
    }

    /** Sends a JSON frame after the ones sent before it. */
    public synchronized CompletableFuture<?> send(Object frame) {
        String text = ChatApi.json(frame);
        sending = sending.handle((ok, failed) -> null).thenCompose(ignored -> socket.sendText(text, true));
        return sending;
    }

    /** Completes with the close code when the server closes the socket. */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .exceptionally(e -> null);
        }
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                onFrame.accept(Json.mapper().readTree(text));
            } catch (IOException e) {
                throw new IllegalStateException("server sent a frame that is not JSON: " + text, e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
