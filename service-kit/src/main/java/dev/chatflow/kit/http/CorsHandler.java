package dev.chatflow.kit.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Set;

/**
 * CORS for an allow-list of origins. A request from an allowed origin gets the
 * {@code Access-Control-Allow-*} headers (and a preflight is answered with 204); any other origin gets
 * none, so the browser refuses the response. Requests without an {@code Origin} pass untouched.
 */
public final class CorsHandler implements HttpHandler {

    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");

    private final Set<String> allowedOrigins;
    private final HttpHandler next;

    public CorsHandler(Set<String> allowedOrigins, HttpHandler next) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin != null && allowedOrigins.contains(origin)) {
            var headers = exchange.getResponseHeaders();
            headers.put(ALLOW_ORIGIN, origin);
            headers.put(Headers.VARY, "Origin");
            headers.put(EXPOSE_HEADERS, "Retry-After");
            if (Methods.OPTIONS.equals(exchange.getRequestMethod())
                    && exchange.getRequestHeaders().contains("Access-Control-Request-Method")) {
                headers.put(ALLOW_METHODS, "GET, POST, PUT, DELETE, OPTIONS");
                headers.put(ALLOW_HEADERS, "Authorization, Content-Type");
                headers.put(MAX_AGE, "600");
                exchange.setStatusCode(204);
                exchange.endExchange();
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
