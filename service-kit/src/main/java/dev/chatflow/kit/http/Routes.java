package dev.chatflow.kit.http;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.util.HttpString;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's routing table, built in one place: method + path template → handler. Unknown paths
 * answer 404 {@code not_found}, known paths with another method 405 {@code method_not_allowed}, both in
 * the error shape. {@link #routes()} lists the table (the OpenAPI document is checked against it).
 */
public final class Routes {

    /** One entry of the table. */
    public record Route(String method, String template) {
    }

    private final RoutingHandler routing = Handlers.routing()
            .setFallbackHandler(exchange -> Responses.error(exchange, 404, "not_found",
                    "no such resource: " + exchange.getRequestPath()))
            .setInvalidMethodHandler(exchange -> Responses.error(exchange, 405, "method_not_allowed",
                    exchange.getRequestMethod() + " is not allowed on " + exchange.getRequestPath()));
    private final List<Route> routes = new ArrayList<>();

    /** A route whose handler does not block (runs on the I/O thread). */
    public Routes add(String method, String template, HttpHandler handler) {
        routing.add(HttpString.tryFromString(method), template, handler);
        routes.add(new Route(method, template));
        return this;
    }

    /** A route whose handler blocks (JDBC, password hashing, a request body): dispatched to a worker thread. */
    public Routes addBlocking(String method, String template, HttpHandler handler) {
        // the shield goes inside too: what throws on the worker thread never reaches the outer one
        return add(method, template, new BlockingHandler(new ErrorShield(handler)));
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** The table wrapped in the {@link ErrorShield}. */
    public HttpHandler handler() {
        return new ErrorShield(routing);
    }
}
