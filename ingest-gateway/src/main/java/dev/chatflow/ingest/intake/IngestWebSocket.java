package dev.chatflow.ingest.intake;

import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;

/** {@code GET /ws}: the ingest WebSocket; each connection is an {@link IngestSocket}. */
public final class IngestWebSocket implements WebSocketConnectionCallback {

    private final Authenticator authenticator;
    private final MessageIntake intake;
    private final int window;

    public IngestWebSocket(Authenticator authenticator, MessageIntake intake, int window) {
        this.authenticator = authenticator;
        this.intake = intake;
        this.window = window;
    }

    @Override
    public void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        channel.getReceiveSetter().set(new IngestSocket(channel, authenticator, intake, window));
        channel.resumeReceives();
    }

    /** The handshake handler; a plain GET without the upgrade is 400 {@code websocket_required}. */
    public HttpHandler handler() {
        return new WebSocketProtocolHandshakeHandler(this, exchange -> Responses.error(exchange, 400,
                "websocket_required", "GET /ws is a WebSocket endpoint; connect with a WebSocket client"));
    }
}
