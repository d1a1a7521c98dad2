package dev.chatflow.ingest.channels;

import dev.chatflow.ingest.http.Requests;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code PUT /api/v1/channels/{id}/members/me}: 204, also when already a member. Blocking. */
public final class JoinChannelHandler implements HttpHandler {

    private final Authenticator authenticator;
    private final Channels channels;

    public JoinChannelHandler(Authenticator authenticator, Channels channels) {
        this.authenticator = authenticator;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var user = Requests.userId(authenticator.authenticate(exchange));
        channels.join(user, Requests.pathParameter(exchange, "id"));
        Responses.empty(exchange, 204);
    }
}
