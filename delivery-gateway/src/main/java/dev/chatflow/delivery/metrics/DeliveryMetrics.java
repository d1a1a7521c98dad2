package dev.chatflow.delivery.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The delivery gateway's own meters, as {@code GET /metrics} shows them (Prometheus names in brackets):
 * open sockets ({@code delivery_connections}), subscriptions ({@code delivery_subscriptions}), message
 * frames pushed ({@code delivery_messages_pushed_total}), slow clients closed with 4008
 * ({@code delivery_slow_client_disconnects_total}), dead sockets reaped ({@code delivery_idle_disconnects_total}),
 * resume sources ({@code delivery_resume_messages_total{source=window|cassandra}}) and the consumer lag of
 * {@code chat.messages} in records ({@code delivery_consumer_lag_records}).
 */
public final class DeliveryMetrics {

    public final AtomicInteger connections = new AtomicInteger();
    public final AtomicInteger subscriptions = new AtomicInteger();
    public final AtomicLong consumerLag = new AtomicLong();
    public final Counter messagesPushed;
    public final Counter slowClientDisconnects;
    public final Counter idleDisconnects;
    public final Counter resumedFromWindow;
    public final Counter resumedFromCassandra;
    public final Counter recordsSkipped;

    public DeliveryMetrics(MeterRegistry registry) {
        Gauge.builder("delivery.connections", connections, AtomicInteger::get)
                .description("open WebSocket connections").register(registry);
        Gauge.builder("delivery.subscriptions", subscriptions, AtomicInteger::get)
                .description("channel subscriptions of all sockets").register(registry);
        Gauge.builder("delivery.consumer.lag", consumerLag, AtomicLong::get).baseUnit("records")
                .description("records of chat.messages not yet read by this gateway").register(registry);
        messagesPushed = Counter.builder("delivery.messages.pushed")
                .description("message frames handed to sockets").register(registry);
        slowClientDisconnects = Counter.builder("delivery.slow.client.disconnects")
                .description("sockets closed with 4008 because their client did not keep up").register(registry);
        idleDisconnects = Counter.builder("delivery.idle.disconnects")
                .description("sockets closed because nothing arrived from them (dead or unauthenticated)")
                .register(registry);
        resumedFromWindow = Counter.builder("delivery.resume.messages").tag("source", "window")
                .description("messages a resume delivered from the in-memory window").register(registry);
        resumedFromCassandra = Counter.builder("delivery.resume.messages").tag("source", "cassandra")
                .description("messages a resume delivered from Cassandra").register(registry);
        recordsSkipped = Counter.builder("delivery.records.skipped")
                .description("records of chat.messages or chat.memberships that could not be read").register(registry);
    }
}
