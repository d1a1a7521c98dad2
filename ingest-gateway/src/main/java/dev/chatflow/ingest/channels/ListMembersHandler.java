package dev.chatflow.ingest.channels;

import dev.chatflow.ingest.http.Requests;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.Map;

/** {@code GET /api/v1/channels/{id}/members}: 200 {@code {members:[{id, username}]}}, for members only. Blocking. */
public final class ListMembersHandler implements HttpHandler {

    private final Authenticator authenticator;
    private final Channels channels;

    public ListMembersHandler(Authenticator authenticator, Channels channels) {
        this.authenticator = authenticator;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var user = Requests.userId(authenticator.authenticate(exchange));
        Responses.json(exchange, 200, Map.of("members", channels.members(user, Requests.pathParameter(exchange, "id"))));
    }
}
