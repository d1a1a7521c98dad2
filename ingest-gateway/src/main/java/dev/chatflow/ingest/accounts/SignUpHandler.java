package dev.chatflow.ingest.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.kit.http.JsonBody;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** {@code POST /api/v1/users}: 201 {@code {id, username, createdAt}}. Blocking. */
public final class SignUpHandler implements HttpHandler {

    private final Accounts accounts;

    public SignUpHandler(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        JsonNode body = JsonBody.readObject(exchange, JsonBody.DEFAULT_MAX_BYTES);
        Account account = accounts.signUp(JsonBody.requiredString(body, "username", "invalid_username"),
                JsonBody.requiredString(body, "password", "weak_password"));
        Responses.json(exchange, 201, account);
    }
}
