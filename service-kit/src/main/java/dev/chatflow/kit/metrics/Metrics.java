package dev.chatflow.kit.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;

/** A service's meter registry (with JVM and process meters) and its {@code GET /metrics} handler. */
public final class Metrics {

    private Metrics() {
    }

    /** A Prometheus registry tagged with {@code service}, with JVM, GC, thread, CPU and uptime meters. */
    @SuppressWarnings("resource") // the GC binder lives as long as the process
    public static PrometheusMeterRegistry registry(String service) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().commonTags("service", service);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * {@code GET /metrics} in the Prometheus text format. A scrape walks every meter (hundreds with the
     * Kafka clients' and costs milliseconds of CPU): register it with {@code Routes.addBlocking}, off the
     * I/O threads that serve the sockets.
     */
    public static HttpHandler handler(PrometheusMeterRegistry registry) {
        return exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            exchange.getResponseSender().send(registry.scrape());
        };
    }
}
