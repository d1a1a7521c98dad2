package dev.chatflow.delivery.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A delivery client on the JDK's WebSocket: records every frame it receives and how the socket closed.
 * It reads only while not {@link #pause() paused} — a paused client stops taking bytes off its
 * connection, like an app that hangs.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<JsonNode> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    private boolean paused;
    private boolean owed;

    private WsClient() {
    }

    public static WsClient connect(URI uri) {
        return connect(uri, null);
    }

    /** Connects, with an {@code Authorization: Bearer} header when {@code bearer} is not null. */
    public static WsClient connect(URI uri, String bearer) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        client.socket = builder.buildAsync(uri, client).orTimeout(20, TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects and authenticates with an auth frame. */
    public static WsClient authenticated(URI uri, String token) {
        return connect(uri).auth(token);
    }

    public WsClient auth(String token) {
        return send(Map.of("type", "auth", "token", token));
    }

    public WsClient subscribe(String channelId) {
        return send(Map.of("type", "subscribe", "channelId", channelId));
    }

    public WsClient subscribe(String channelId, long sinceSeq) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "subscribe");
        frame.put("channelId", channelId);
        frame.put("sinceSeq", sinceSeq);
        return send(frame);
    }

    public WsClient unsubscribe(String channelId) {
        return send(Map.of("type", "unsubscribe", "channelId", channelId));
    }

    public WsClient send(Object frame) {
        try {
            return sendText(Json.mapper().writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public WsClient sendText(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
        return this;
    }

    /** Waits for a frame that matches and returns the first such. */
    public JsonNode awaitFrame(Predicate<JsonNode> matching) {
        await().atMost(TIMEOUT).until(() -> first(matching) != null);
        return first(matching);
    }

    public JsonNode awaitSubscribed(String channelId) {
        return awaitFrame(f -> f.path("type").asText().equals("subscribed") && f.path("channelId").asText().equals(channelId));
    }

    /** Sends a ping and waits for its pong: every frame sent before has been handled by then. */
    public WsClient roundTrip() {
        int pongs = count(f -> f.path("type").asText().equals("pong"));
        send(Map.of("type", "ping"));
        await().atMost(TIMEOUT).until(() -> count(f -> f.path("type").asText().equals("pong")) > pongs);
        return this;
    }

    /** Seqs of the message frames of a channel, in the order they arrived. */
    public synchronized List<Long> seqs(String channelId) {
        return frames.stream().filter(f -> f.path("type").asText().equals("message")
                && f.path("channelId").asText().equals(channelId)).map(f -> f.get("seq").asLong()).toList();
    }

    public synchronized List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    public synchronized int count(Predicate<JsonNode> matching) {
        return (int) frames.stream().filter(matching).count();
    }

    private synchronized JsonNode first(Predicate<JsonNode> matching) {
        return frames.stream().filter(matching).findFirst().orElse(null);
    }

    /** The close code the server sent, waiting for it. */
    public int awaitClose() {
        return closeCode.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Stops reading from the connection. */
    public synchronized void pause() {
        paused = true;
    }

    /** Reads again. */
    public void resume() {
        boolean request;
        synchronized (this) {
            paused = false;
            request = owed;
            owed = false;
        }
        if (request) {
            socket.request(1);
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        boolean request;
        synchronized (this) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(Json.mapper().readTree(partial.toString()));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("the gateway sent a frame that is not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
        }
        next(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // the JDK answered with a pong already; the default would ask for more even while paused
        next(webSocket);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        next(webSocket);
        return null;
    }

    /** Asks for the next frame, unless paused: then the request is owed until {@link #resume()}. */
    private void next(WebSocket webSocket) {
        boolean request;
        synchronized (this) {
            request = !paused;
            owed = paused;
        }
        if (request) {
            webSocket.request(1);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    /** Numbers 1..n, for comparing seq lists. */
    public static List<Long> oneTo(long n) {
        List<Long> seqs = new ArrayList<>();
        for (long s = 1; s <= n; s++) {
            seqs.add(s);
        }
        return seqs;
    }
}
