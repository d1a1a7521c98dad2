package dev.chatflow.ingest.http;

import dev.chatflow.kit.auth.Principal;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.UUID;

/** Small readers of what a request carries. */
public final class Requests {

    private Requests() {
    }

    /** A path parameter of the route's template (the routing handler puts them among the query parameters). */
    public static String pathParameter(HttpServerExchange exchange, String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalStateException("the route has no path parameter {" + name + "}");
        }
        return values.getFirst();
    }

    /** The id of an authenticated user: the subject of a token this gateway signed, always a UUID. */
    public static UUID userId(Principal principal) {
        return UUID.fromString(principal.userId());
    }
}
