package dev.chatflow.ingest.channels;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.http.Requests;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.kit.http.JsonBody;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code POST /api/v1/channels}: 201 {@code {id, name, createdAt}}; the creator is a member. Blocking. */
public final class CreateChannelHandler implements HttpHandler {

    private final Authenticator authenticator;
    private final Channels channels;

    public CreateChannelHandler(Authenticator authenticator, Channels channels) {
        this.authenticator = authenticator;
        this.channels = channels;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        var user = Requests.userId(authenticator.authenticate(exchange));
        JsonNode body = JsonBody.readObject(exchange, JsonBody.DEFAULT_MAX_BYTES);
        Channel channel = channels.create(user, JsonBody.requiredString(body, "name", "invalid_channel_name"));
        Responses.json(exchange, 201, channel);
    }
}
