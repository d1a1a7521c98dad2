package dev.chatflow.delivery.http;

import dev.chatflow.kit.http.Routes;
import io.undertow.server.HttpHandler;

/** The delivery gateway's routing table, in one place (docs/openapi/delivery-gateway.yaml describes it). */
public final class DeliveryRoutes {

    private DeliveryRoutes() {
    }

    /**
     * @param sockets the WebSocket handshake of {@code /ws}
     * @param history the history API (blocking: Cassandra)
     * @param health  {@code GET /health} (blocking: it runs checks)
     * @param metrics {@code GET /metrics}
     */
    public static Routes table(HttpHandler sockets, HttpHandler history, HttpHandler health, HttpHandler metrics) {
        return new Routes()
                .add("GET", "/ws", sockets)
                .addBlocking("GET", "/api/v1/channels/{id}/messages", history)
                .addBlocking("GET", "/health", health)
                .addBlocking("GET", "/metrics", metrics);
    }
}
