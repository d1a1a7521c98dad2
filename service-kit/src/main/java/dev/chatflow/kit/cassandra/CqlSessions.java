package dev.chatflow.kit.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.http.HealthCheck;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Cassandra sessions from configuration ({@code cassandra.*}). */
public final class CqlSessions {

    private CqlSessions() {
    }

    /** Connects to the configured contact points; the keyspace is not selected (statements name it). */
    public static CqlSession connect(Config config, String applicationName) {
        return CqlSession.builder()
                .addContactPoints(contactPoints(config.string(CommonSettings.CASSANDRA_CONTACT_POINTS.key())))
                .withLocalDatacenter(config.string(CommonSettings.CASSANDRA_LOCAL_DATACENTER.key()))
                .withApplicationName(applicationName)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(10))
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(10))
                        // keep trying to reconnect when the cluster goes away, instead of giving up,
                        // and never wait longer than a few seconds between attempts
                        .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                        .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(500))
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
                        .build())
                .build();
    }

    /** A health check: a query on {@code system.local}. */
    public static HealthCheck health(CqlSession session) {
        return new HealthCheck() {
            @Override
            public String name() {
                return "cassandra";
            }

            @Override
            public void check() {
                session.execute("SELECT release_version FROM system.local");
            }
        };
    }

    static List<InetSocketAddress> contactPoints(String list) {
        return java.util.Arrays.stream(list.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(hostPort -> {
                    int colon = hostPort.lastIndexOf(':');
                    if (colon < 0) {
                        return new InetSocketAddress(hostPort, 9042);
                    }
                    return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
                })
                .toList();
    }
}
