package dev.chatflow.delivery;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Setting;
import java.util.ArrayList;
import java.util.List;

/**
 * Every setting the delivery gateway reads, with its default. {@link #all()} is the whole list: the
 * configuration loads it, and the deployment files are checked against it.
 */
public final class DeliverySettings {

    public static final Setting HTTP_PORT = CommonSettings.httpPort(8081);

    public static final Setting WINDOW_MESSAGES = new Setting("delivery.window.messages", "512",
            "recent messages kept in memory per channel, for resumes without a Cassandra read");
    public static final Setting WINDOW_MAX_BYTES = new Setting("delivery.window.max-bytes", "33554432",
            "memory budget of all recent-message windows together; the least recently active channels' "
                    + "windows are dropped first");
    public static final Setting WINDOW_WARMUP_RECORDS = new Setting("delivery.window.warmup-records", "1000",
            "records per partition of chat.messages read back at start-up to fill the windows");

    public static final Setting QUEUE_MAX_FRAMES = new Setting("delivery.socket.queue.max-frames", "8192",
            "frames a socket may have waiting to be sent before the client counts as too slow (close 4008)");
    public static final Setting QUEUE_MAX_BYTES = new Setting("delivery.socket.queue.max-bytes", "4194304",
            "bytes a socket may have waiting to be sent before the client counts as too slow (close 4008)");
    public static final Setting MAX_INBOUND_FRAME_BYTES = new Setting("delivery.socket.max-frame-bytes", "16384",
            "largest frame a client may send");
    public static final Setting AUTH_TIMEOUT = new Setting("delivery.socket.auth-timeout", "10s",
            "time a new socket has to authenticate before it is closed with 4401");
    public static final Setting PING_INTERVAL = new Setting("delivery.socket.ping-interval", "20s",
            "how often the gateway pings every socket (WebSocket ping frames) and checks for idle ones");
    public static final Setting IDLE_TIMEOUT = new Setting("delivery.socket.idle-timeout", "60s",
            "a socket from which nothing (not even a pong) arrived for this long is closed as dead");
    public static final Setting CLOSE_GRACE = new Setting("delivery.socket.close-grace", "10s",
            "time a closing client has to complete the close handshake before its connection is dropped");

    public static final Setting CATCH_UP_PAGE = new Setting("delivery.catch-up.page-size", "200",
            "messages read from Cassandra per query when a resume reaches further back than the window");
    public static final Setting CATCH_UP_TIMEOUT = new Setting("delivery.catch-up.timeout", "30s",
            "how long a resume waits for missing messages to reach Cassandra before it ends the subscription with an error");
    public static final Setting MEMBERSHIP_CATCH_UP_TIMEOUT = new Setting("delivery.memberships.catch-up-timeout",
            "5s", "how long a membership check may wait for chat.memberships to be read up to its end");
    public static final Setting MONITORING_GROUP = new Setting("delivery.monitoring.group", "auto",
            "consumer group under which the gateway commits how far it has read, for lag monitoring only "
                    + "(kafka-ui); it never decides what is read. auto: chatflow-delivery-<host name>; none: off");
    public static final Setting WORKERS = new Setting("delivery.workers", "8",
            "threads for blocking work: Cassandra reads, membership waits");

    private DeliverySettings() {
    }

    /** Every setting of the delivery gateway. */
    public static List<Setting> all() {
        List<Setting> all = new ArrayList<>();
        all.add(HTTP_PORT);
        all.addAll(CommonSettings.kafka());
        all.addAll(CommonSettings.cassandra());
        all.addAll(CommonSettings.jwtVerification());
        all.add(CommonSettings.CORS_ALLOWED_ORIGINS);
        all.addAll(List.of(WINDOW_MESSAGES, WINDOW_MAX_BYTES, WINDOW_WARMUP_RECORDS, QUEUE_MAX_FRAMES, QUEUE_MAX_BYTES,
                MAX_INBOUND_FRAME_BYTES, AUTH_TIMEOUT, PING_INTERVAL, IDLE_TIMEOUT, CLOSE_GRACE, CATCH_UP_PAGE,
                CATCH_UP_TIMEOUT, MEMBERSHIP_CATCH_UP_TIMEOUT, MONITORING_GROUP, WORKERS));
        return List.copyOf(all);
    }
}
