package dev.chatflow.delivery;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.delivery.fanout.ChannelHub;
import dev.chatflow.delivery.fanout.HistoryReader;
import dev.chatflow.delivery.fanout.MessageFeed;
import dev.chatflow.delivery.history.HistoryHandler;
import dev.chatflow.delivery.http.DeliveryRoutes;
import dev.chatflow.delivery.memberships.ChannelAccess;
import dev.chatflow.delivery.memberships.MembershipView;
import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.delivery.sockets.DeliverySockets;
import dev.chatflow.delivery.sockets.SocketOptions;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.http.CorsHandler;
import dev.chatflow.kit.http.HealthCheck;
import dev.chatflow.kit.http.HealthHandler;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.kit.metrics.Metrics;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.topics.TopicCatalog;
import dev.chatflow.schemas.topics.Topics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Handlers;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Options;

/**
 * The delivery gateway, wired from its configuration with plain constructors: topics and the history
 * schema provisioned, the memberships view and the one {@code chat.messages} feed started, the HTTP and
 * WebSocket server listening. {@link Main} runs it; the integration tests run the very same wiring.
 */
public final class DeliveryGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryGateway.class);

    private final Admin admin;
    private final CqlSession cql;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final MembershipView memberships;
    private final MessageFeed feed;
    private final DeliverySockets sockets;
    private final Undertow server;
    private final DeliveryMetrics metrics;
    private final PrometheusMeterRegistry registry;

    private DeliveryGateway(Config config) {
        String instance = "delivery-gateway-" + UUID.randomUUID().toString().substring(0, 8);
        registry = Metrics.registry("delivery-gateway");
        metrics = new DeliveryMetrics(registry);

        admin = Admin.create(KafkaClients.base(config, instance + "-admin"));
        KafkaClients.provisionTopics(admin, config);
        TopicCatalog topics = KafkaClients.catalog(config);

        String keyspace = config.string(CommonSettings.CASSANDRA_KEYSPACE.key());
        cql = CqlSessions.connect(config, "delivery-gateway");
        CqlSchema.apply(cql, keyspace, config.string(CommonSettings.CASSANDRA_REPLICATION.key()));
        HistoryStore history = new HistoryStore(cql, keyspace);

        workers = Executors.newFixedThreadPool(config.integer(DeliverySettings.WORKERS.key()), threads("delivery-worker"));
        scheduler = Executors.newSingleThreadScheduledExecutor(threads("delivery-timer"));

        ChannelHub hub = new ChannelHub(new ChannelHub.Options(
                config.integer(DeliverySettings.WINDOW_MESSAGES.key()),
                Long.parseLong(config.string(DeliverySettings.WINDOW_MAX_BYTES.key())),
                config.integer(DeliverySettings.CATCH_UP_PAGE.key()),
                config.duration(DeliverySettings.CATCH_UP_TIMEOUT.key())), historyReader(history), workers, scheduler,
                metrics);
        memberships = new MembershipView(KafkaClients.base(config, instance + "-memberships"),
                topics.configured(Topics.MEMBERSHIPS), metrics, hub::membershipEnded);
        feed = new MessageFeed(KafkaClients.base(config, instance + "-messages"), topics.configured(Topics.MESSAGES),
                hub, metrics, config.integer(DeliverySettings.WINDOW_WARMUP_RECORDS.key()),
                MessageFeed.monitoringGroup(config.string(DeliverySettings.MONITORING_GROUP.key())));
        ChannelAccess access = new ChannelAccess(memberships, hub::hasSeen,
                config.duration(DeliverySettings.MEMBERSHIP_CATCH_UP_TIMEOUT.key()));

        JwtVerifier verifier = new JwtVerifier(JwtKeys.publicKey(config),
                config.string(CommonSettings.JWT_ISSUER.key()), config.string(CommonSettings.JWT_AUDIENCE.key()));
        sockets = new DeliverySockets(hub, access, verifier, metrics, socketOptions(config), scheduler);

        List<HealthCheck> checks = List.of(KafkaClients.health(admin), CqlSessions.health(cql),
                ready("memberships", memberships::failure, memberships::isLoaded),
                ready("messages-feed", feed::failure, hub::isReady));
        var routes = DeliveryRoutes.table(Handlers.websocket(sockets), new HistoryHandler(verifier, access, history),
                new HealthHandler(checks), Metrics.handler(registry));
        server = Undertow.builder()
                .addHttpListener(config.integer(DeliverySettings.HTTP_PORT.key()), "0.0.0.0")
                .setSocketOption(Options.BACKLOG, 4096)
                .setHandler(new CorsHandler(new HashSet<>(config.list(CommonSettings.CORS_ALLOWED_ORIGINS.key())),
                        routes.handler()))
                .build();
    }

    /** Builds the gateway, starts its readers and its server. */
    public static DeliveryGateway start(Config config) {
        DeliveryGateway gateway = new DeliveryGateway(config);
        gateway.memberships.start();
        gateway.feed.start();
        gateway.server.start();
        log.info("delivery gateway listening on port {}", gateway.port());
        return gateway;
    }

    /** The port the server listens on (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    public DeliveryMetrics metrics() {
        return metrics;
    }

    /** Closes the sockets, stops the server and the readers, releases the clients. */
    @Override
    public void close() {
        log.info("delivery gateway stopping");
        sockets.close();
        server.stop();
        feed.close();
        memberships.close();
        scheduler.shutdownNow();
        workers.shutdownNow();
        cql.close();
        admin.close();
        registry.close();
    }

    private static SocketOptions socketOptions(Config config) {
        return new SocketOptions(
                config.integer(DeliverySettings.QUEUE_MAX_FRAMES.key()),
                Long.parseLong(config.string(DeliverySettings.QUEUE_MAX_BYTES.key())),
                config.integer(DeliverySettings.MAX_INBOUND_FRAME_BYTES.key()),
                config.duration(DeliverySettings.AUTH_TIMEOUT.key()),
                config.duration(DeliverySettings.PING_INTERVAL.key()),
                config.duration(DeliverySettings.IDLE_TIMEOUT.key()),
                config.duration(DeliverySettings.CLOSE_GRACE.key()));
    }

    private static HistoryReader historyReader(HistoryStore store) {
        return new HistoryReader() {
            @Override
            public List<ProcessedMessage> after(String channelId, long afterSeq, int limit) {
                return store.after(channelId, afterSeq, limit);
            }

            @Override
            public OptionalLong lastSeq(String channelId) {
                return store.lastSeq(channelId);
            }
        };
    }

    /** A check that a topic reader has not stopped and has read up to where its topic ended at start-up. */
    private static HealthCheck ready(String name, Supplier<Throwable> failure, BooleanSupplier ready) {
        return new HealthCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void check() {
                Throwable failed = failure.get();
                if (failed != null) {
                    throw new IllegalStateException("stopped: " + failed);
                }
                if (!ready.getAsBoolean()) {
                    throw new IllegalStateException("still reading up to the end of its topic");
                }
            }
        };
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
