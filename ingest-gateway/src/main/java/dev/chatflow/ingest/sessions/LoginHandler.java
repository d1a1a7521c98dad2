package dev.chatflow.ingest.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.accounts.Accounts;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.kit.http.JsonBody;
import dev.chatflow.kit.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * {@code POST /api/v1/sessions}: 200 with a session token, or 401 {@code invalid_credentials} — the same
 * answer, after the same work, for an unknown user and for a wrong password. Blocking.
 */
public final class LoginHandler implements HttpHandler {

    private final Accounts accounts;
    private final TokenIssuer issuer;

    public LoginHandler(Accounts accounts, TokenIssuer issuer) {
        this.accounts = accounts;
        this.issuer = issuer;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        JsonNode body = JsonBody.readObject(exchange, JsonBody.DEFAULT_MAX_BYTES);
        String username = text(body, "username");
        String password = text(body, "password");
        var account = accounts.authenticate(username, password)
                .orElseThrow(() -> new ApiException(401, "invalid_credentials", "wrong username or password"));
        Responses.json(exchange, 200, issuer.issue(account));
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }
}
