package dev.chatflow.kit.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /health}: 200 {@code {"status":"UP","checks":{…}}} when every check passes, else 503 with
 * {@code "DOWN"} and the failing checks' reasons. It runs the checks, so route it as blocking.
 */
public final class HealthHandler implements HttpHandler {

    private final List<HealthCheck> checks;

    public HealthHandler(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean up = true;
        for (HealthCheck check : checks) {
            try {
                check.check();
                results.put(check.name(), Map.of("status", "UP"));
            } catch (Exception e) {
                up = false;
                results.put(check.name(), Map.of("status", "DOWN", "detail", String.valueOf(e.getMessage())));
            }
        }
        Responses.json(exchange, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN", "checks", results));
    }
}
