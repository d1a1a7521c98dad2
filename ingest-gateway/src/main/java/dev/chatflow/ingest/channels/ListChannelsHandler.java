package dev.chatflow.ingest.channels;

import dev.chatflow.ingest.http.Requests;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /api/v1/channels}: 200 {@code {channels:[…]}}. Blocking. */
public final class ListChannelsHandler implements HttpHandler {

    private final JwtVerifier verifier;
    private final Channels channels;

    public ListChannelsHandler(JwtVerifier verifier, Channels channels) {
        this.verifier = verifier;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var user = Requests.userId(verifier.authenticate(exchange));
        Responses.json(exchange, 200, Map.of("channels", channels.list(user)));
    }
}
