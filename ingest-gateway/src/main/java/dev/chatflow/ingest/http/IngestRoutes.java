package dev.chatflow.ingest.http;

import dev.chatflow.kit.http.Routes;
import io.undertow.server.HttpHandler;

/** The ingest gateway's routing table, in one place; {@code docs/openapi/ingest-gateway.yaml} describes it. */
public final class IngestRoutes {

    /** The handler of each route. */
    public record Endpoints(HttpHandler signUp, HttpHandler login, HttpHandler listChannels, HttpHandler createChannel,
                            HttpHandler joinChannel, HttpHandler leaveChannel, HttpHandler listMembers,
                            HttpHandler postMessage, HttpHandler webSocket, HttpHandler health, HttpHandler metrics) {
    }

    private IngestRoutes() {
    }

    public static Routes build(Endpoints e) {
        return new Routes()
                .addBlocking("POST", "/api/v1/users", e.signUp())
                .addBlocking("POST", "/api/v1/sessions", e.login())
                .addBlocking("GET", "/api/v1/channels", e.listChannels())
                .addBlocking("POST", "/api/v1/channels", e.createChannel())
                .addBlocking("PUT", "/api/v1/channels/{id}/members/me", e.joinChannel())
                .addBlocking("DELETE", "/api/v1/channels/{id}/members/me", e.leaveChannel())
                .addBlocking("GET", "/api/v1/channels/{id}/members", e.listMembers())
                .addBlocking("POST", "/api/v1/channels/{id}/messages", e.postMessage())
                .add("GET", "/ws", e.webSocket())
                .addBlocking("GET", "/health", e.health())
                .addBlocking("GET", "/metrics", e.metrics());
    }
}
