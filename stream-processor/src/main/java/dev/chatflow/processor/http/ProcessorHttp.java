package dev.chatflow.processor.http;

import dev.chatflow.kit.http.HealthCheck;
import dev.chatflow.kit.http.HealthHandler;
import dev.chatflow.kit.http.Routes;
import dev.chatflow.kit.metrics.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import java.util.List;

/** The processor's HTTP side, operations only: {@code GET /health} and {@code GET /metrics}. */
public final class ProcessorHttp {

    private ProcessorHttp() {
    }

    public static Routes routes(List<HealthCheck> checks, PrometheusMeterRegistry registry) {
        return new Routes()
                .addBlocking("GET", "/health", new HealthHandler(checks))
                .addBlocking("GET", "/metrics", Metrics.handler(registry));
    }

    /** Starts a server on {@code port} (all interfaces) with {@code routes}. */
    public static Undertow start(int port, Routes routes) {
        Undertow server = Undertow.builder()
                .addHttpListener(port, "0.0.0.0")
                .setIoThreads(1)
                .setWorkerThreads(4)
                .setHandler(routes.handler())
                .build();
        server.start();
        return server;
    }
}
