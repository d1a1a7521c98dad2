package dev.chatflow.ingest.channels;

import dev.chatflow.ingest.http.Requests;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /api/v1/channels}: 200 {@code {channels:[…]}}. Blocking. */
public final class ListChannelsHandler implements HttpHandler {

    private final Authenticator authenticator;
    private final Channels channels;

    public ListChannelsHandler(Authenticator authenticator, Channels channels) {
        this.authenticator = authenticator;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var user = Requests.userId(authenticator.authenticate(exchange));
        Responses.json(exchange, 200, Map.of("channels", channels.list(user)));
    }
}
