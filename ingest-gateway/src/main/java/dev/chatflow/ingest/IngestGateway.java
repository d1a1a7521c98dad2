package dev.chatflow.ingest;

import dev.chatflow.ingest.accounts.Accounts;
import dev.chatflow.ingest.accounts.Passwords;
import dev.chatflow.ingest.accounts.SignUpHandler;
import dev.chatflow.ingest.channels.Channels;
import dev.chatflow.ingest.channels.CreateChannelHandler;
import dev.chatflow.ingest.channels.JoinChannelHandler;
import dev.chatflow.ingest.channels.LeaveChannelHandler;
import dev.chatflow.ingest.channels.ListChannelsHandler;
import dev.chatflow.ingest.channels.ListMembersHandler;
import dev.chatflow.ingest.database.Database;
import dev.chatflow.ingest.http.IngestRoutes;
import dev.chatflow.ingest.intake.IngestWebSocket;
import dev.chatflow.ingest.intake.MembershipCache;
import dev.chatflow.ingest.intake.MessageIntake;
import dev.chatflow.ingest.intake.PostMessageHandler;
import dev.chatflow.ingest.intake.RateLimiter;
import dev.chatflow.ingest.intake.ResendMemory;
import dev.chatflow.ingest.outbox.Outbox;
import dev.chatflow.ingest.outbox.OutboxRelay;
import dev.chatflow.ingest.publishing.EventPublisher;
import dev.chatflow.ingest.sessions.Authenticator;
import dev.chatflow.ingest.sessions.LoginHandler;
import dev.chatflow.ingest.sessions.SigningKeys;
import dev.chatflow.ingest.sessions.TokenIssuer;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.auth.JwtVerifier;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.http.CorsHandler;
import dev.chatflow.kit.http.HealthHandler;
import dev.chatflow.kit.http.Routes;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.kit.lifecycle.Closer;
import dev.chatflow.kit.metrics.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest gateway, assembled from its parts with plain constructors: the database (migrated), the
 * Kafka topics (provisioned), the outbox relay, accounts, sessions, channels, the message intake and the
 * HTTP server. {@link Main} starts one for the process; the integration tests start them in-process.
 */
public final class IngestGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestGateway.class);

    private final Closer parts = new Closer();
    private Routes routes;
    private Undertow server;
    private OutboxRelay relay;

    private IngestGateway() {
    }

    /** Starts a gateway; on failure, whatever was started is stopped again and the cause is thrown. */
    public static IngestGateway start(Config config) {
        IngestGateway gateway = new IngestGateway();
        try {
            gateway.startParts(config);
            return gateway;
        } catch (RuntimeException e) {
            gateway.close();
            throw e;
        }
    }

    private void startParts(Config config) {
        Clock clock = Clock.systemUTC();
        Duration sendTimeout = config.duration(IngestSettings.KAFKA_SEND_TIMEOUT.key());
        PrometheusMeterRegistry registry = Metrics.registry("ingest-gateway");

        JwtKeys.Pair keys = SigningKeys.load(config);
        JwtVerifier verifier = new JwtVerifier(keys.publicKey(), config.string(CommonSettings.JWT_ISSUER.key()),
                config.string(CommonSettings.JWT_AUDIENCE.key()));
        TokenIssuer issuer = new TokenIssuer(keys, config.string(CommonSettings.JWT_ISSUER.key()),
                config.string(CommonSettings.JWT_AUDIENCE.key()), config.duration(IngestSettings.JWT_TTL.key()), clock);
        issuer.checkVerifiableBy(verifier);
        Authenticator authenticator = new Authenticator(verifier, clock);

        int poolSize = config.integer(IngestSettings.JDBC_POOL_SIZE.key());
        Database database = own(new Database(config.string(IngestSettings.JDBC_URL.key()),
                config.string(IngestSettings.JDBC_USER.key()), config.optional(IngestSettings.JDBC_PASSWORD.key()),
                poolSize));
        database.migrate();

        Admin admin = own(Admin.create(KafkaClients.base(config, "ingest-gateway-admin")));
        KafkaClients.provisionTopics(admin, config);
        EventPublisher publisher = own(new EventPublisher(KafkaClients.base(config, "ingest-gateway"), sendTimeout));
        own(new KafkaClientMetrics(publisher.producer())).bindTo(registry);

        relay = own(new OutboxRelay(database.dsl(), publisher, config.duration(IngestSettings.OUTBOX_POLL_INTERVAL.key()),
                sendTimeout));
        Outbox outbox = new Outbox(relay::wake);

        ExecutorService databaseExecutor = own(Executors.newFixedThreadPool(poolSize, named("ingest-db")));
        ExecutorService sendExecutor = own(Executors.newSingleThreadExecutor(named("ingest-kafka-send")));
        MembershipCache memberships = new MembershipCache((channel, user) -> Channels.status(database.dsl(), channel, user),
                databaseExecutor, config.duration(IngestSettings.MEMBERSHIP_CACHE_TTL.key()));
        Channels channels = new Channels(database.dsl(), outbox, memberships, clock);
        Accounts accounts = new Accounts(database.dsl(), new Passwords(), outbox, clock);
        MessageIntake intake = new MessageIntake(memberships,
                new RateLimiter(config.integer(IngestSettings.RATE_LIMIT_BURST.key()),
                        Double.parseDouble(config.string(IngestSettings.RATE_LIMIT_PER_SECOND.key()))),
                new ResendMemory(config.duration(IngestSettings.INTAKE_RESEND_WINDOW.key()), 500_000),
                config.integer(IngestSettings.INTAKE_MAX_IN_FLIGHT.key()), publisher, sendExecutor,
                config.integer(IngestSettings.MESSAGE_MAX_LENGTH.key()), sendTimeout, clock, registry);

        routes = IngestRoutes.build(new IngestRoutes.Endpoints(
                new SignUpHandler(accounts),
                new LoginHandler(accounts, issuer),
                new ListChannelsHandler(authenticator, channels),
                new CreateChannelHandler(authenticator, channels),
                new JoinChannelHandler(authenticator, channels),
                new LeaveChannelHandler(authenticator, channels),
                new ListMembersHandler(authenticator, channels),
                new PostMessageHandler(authenticator, intake),
                new IngestWebSocket(authenticator, intake, config.integer(IngestSettings.WS_MAX_IN_FLIGHT.key())).handler(),
                new HealthHandler(List.of(database.health(), KafkaClients.health(admin))),
                Metrics.handler(registry)));
        registry.gauge("chatflow.ingest.outbox.backlog", relay, r -> safeBacklog(r));

        relay.start();
        server = Undertow.builder()
                .addHttpListener(config.integer(IngestSettings.HTTP_PORT.key()), config.string(IngestSettings.HTTP_HOST.key()))
                .setHandler(new CorsHandler(new HashSet<>(config.list(CommonSettings.CORS_ALLOWED_ORIGINS.key())),
                        routes.handler()))
                .build();
        server.start();
        parts.add(server::stop);
        log.info("ingest gateway listening on port {}", port());
    }

    /** The port the HTTP server listens on (the configured one, or the one picked for port 0). */
    public int port() {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** The routing table. */
    public List<Routes.Route> routes() {
        return routes.routes();
    }

    /** Publishes the outbox now (tests use it to wait for the topics). */
    public OutboxRelay outboxRelay() {
        return relay;
    }

    /** Stops everything started, last first. */
    @Override
    public void close() {
        parts.close();
    }

    private <T extends AutoCloseable> T own(T part) {
        return parts.add(part);
    }

    private ExecutorService own(ExecutorService executor) {
        parts.add(executor::shutdownNow);
        return executor;
    }

    private static double safeBacklog(OutboxRelay relay) {
        try {
            return relay.backlog();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
