package dev.chatflow.ingest;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting of the ingest gateway, with its default. The environment variable of each is derived
 * from its key ({@code jwt.ttl} → {@code CHATFLOW_JWT_TTL}); docker-compose sets those.
 */
public final class IngestSettings {

    public static final Setting HTTP_PORT = CommonSettings.httpPort(8080);
    public static final Setting HTTP_HOST = new Setting("http.host", "0.0.0.0", "address the HTTP server binds to");

    public static final Setting JDBC_URL = new Setting("jdbc.url", "jdbc:postgresql://127.0.0.1:5432/chatflow",
            "JDBC URL of the PostgreSQL database that holds accounts, channels and memberships");
    public static final Setting JDBC_USER = new Setting("jdbc.user", "postgres", "PostgreSQL user");
    public static final Setting JDBC_PASSWORD = new Setting("jdbc.password", null,
            "PostgreSQL password (unset: none, e.g. trust authentication)");
    public static final Setting JDBC_POOL_SIZE = new Setting("jdbc.pool.size", "8",
            "largest number of PostgreSQL connections");

    public static final Setting JWT_PRIVATE_KEY = new Setting("jwt.private.key", null,
            "PEM (or path to a PEM file) of the ES256 private key that signs session tokens; needs "
                    + "jwt.public.key too; unset: the dev key pair in data.dir");
    public static final Setting JWT_TTL = new Setting("jwt.ttl", "1h", "how long a session token is valid");

    public static final Setting MESSAGE_MAX_LENGTH = new Setting("message.max.length", "4000",
            "longest message text in characters (code points) after trimming, at most 4000");
    public static final Setting RATE_LIMIT_BURST = new Setting("rate.limit.burst", "30",
            "messages a user may send at once before the rate limit applies (token bucket capacity)");
    public static final Setting RATE_LIMIT_PER_SECOND = new Setting("rate.limit.per.second", "10",
            "messages per second a user may send in the long run (token bucket refill)");
    public static final Setting KAFKA_SEND_TIMEOUT = new Setting("kafka.send.timeout", "5s",
            "longest wait for Kafka to acknowledge a message before the sender hears 503 unavailable");
    public static final Setting INTAKE_MAX_IN_FLIGHT = new Setting("intake.max.in.flight", "2048",
            "messages handed to Kafka and not yet acknowledged, at most, over all senders");
    public static final Setting WS_MAX_IN_FLIGHT = new Setting("ws.max.in.flight", "256",
            "unanswered send frames per WebSocket before the gateway stops reading from it");
    public static final Setting INTAKE_RESEND_WINDOW = new Setting("intake.resend.window", "10m",
            "how long a clientMsgId's messageId is remembered, so a re-send gets the same messageId back");
    public static final Setting MEMBERSHIP_CACHE_TTL = new Setting("membership.cache.ttl", "30s",
            "how long a membership answer is cached; this gateway's own joins and leaves invalidate it at once");
    public static final Setting OUTBOX_POLL_INTERVAL = new Setting("outbox.poll.interval", "1s",
            "how often the outbox relay looks for unpublished changes (it is also woken by every commit)");

    private IngestSettings() {
    }

    /** All settings, for {@code Config.load} and the configuration reference. */
    public static List<Setting> all() {
        List<Setting> all = new ArrayList<>();
        all.add(HTTP_PORT);
        all.add(HTTP_HOST);
        all.add(CommonSettings.CORS_ALLOWED_ORIGINS);
        all.addAll(List.of(JDBC_URL, JDBC_USER, JDBC_PASSWORD, JDBC_POOL_SIZE));
        all.addAll(CommonSettings.kafka());
        all.addAll(CommonSettings.jwtVerification());
        all.addAll(List.of(JWT_PRIVATE_KEY, JWT_TTL));
        all.addAll(List.of(MESSAGE_MAX_LENGTH, RATE_LIMIT_BURST, RATE_LIMIT_PER_SECOND, KAFKA_SEND_TIMEOUT,
                INTAKE_MAX_IN_FLIGHT, WS_MAX_IN_FLIGHT, INTAKE_RESEND_WINDOW, MEMBERSHIP_CACHE_TTL,
                OUTBOX_POLL_INTERVAL));
        return List.copyOf(all);
    }
}
