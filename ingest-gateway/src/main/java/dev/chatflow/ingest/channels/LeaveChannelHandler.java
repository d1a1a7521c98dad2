package dev.chatflow.ingest.channels;

import dev.chatflow.ingest.http.Requests;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code DELETE /api/v1/channels/{id}/members/me}: 204, also when not a member. Blocking. */
public final class LeaveChannelHandler implements HttpHandler {

    private final JwtVerifier verifier;
    private final Channels channels;

    public LeaveChannelHandler(JwtVerifier verifier, Channels channels) {
        this.verifier = verifier;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var user = Requests.userId(verifier.authenticate(exchange));
        channels.leave(user, Requests.pathParameter(exchange, "id"));
        Responses.empty(exchange, 204);
    }
}
