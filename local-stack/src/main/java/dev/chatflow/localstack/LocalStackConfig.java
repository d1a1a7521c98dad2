package dev.chatflow.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where the local stack keeps its data, which servers it runs and on which ports.
 *
 * @param dataDir        one directory for everything the stack writes (server data and logs)
 * @param clean          wipe the data directory (and the stack's PostgreSQL database) before starting
 * @param servers        which servers to run
 * @param kafkaPort      Kafka client listener
 * @param kafkaControllerPort Kafka KRaft controller listener
 * @param cqlPort        Cassandra native protocol (CQL)
 * @param cassandraStoragePort Cassandra inter-node port (bound even by a single node)
 * @param jdbcUrl        the PostgreSQL database the stack uses; created when missing
 * @param jdbcUser       PostgreSQL user
 * @param jdbcPassword   PostgreSQL password (empty for trust authentication)
 * @param embeddedPostgresPort port of the embedded PostgreSQL started when {@code jdbcUrl} is unreachable;
 *                       0 disables that fallback
 * @param startupTimeout how long each server may take to become ready
 */
public record LocalStackConfig(Path dataDir, boolean clean, Set<Server> servers,
                               int kafkaPort, int kafkaControllerPort,
                               int cqlPort, int cassandraStoragePort,
                               String jdbcUrl, String jdbcUser, String jdbcPassword,
                               int embeddedPostgresPort, Duration startupTimeout) {

    public static final int DEFAULT_KAFKA_PORT = 9092;
    public static final int DEFAULT_KAFKA_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_CQL_PORT = 9042;
    public static final int DEFAULT_CASSANDRA_STORAGE_PORT = 7000;
    public static final int DEFAULT_EMBEDDED_POSTGRES_PORT = 5433;
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/chatflow";
    public static final String DEFAULT_JDBC_USER = "postgres";

    public LocalStackConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        servers = servers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(servers));
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        jdbcPassword = jdbcPassword == null ? "" : jdbcPassword;
        Objects.requireNonNull(startupTimeout, "startupTimeout");
    }

    /** The dev run: {@code ~/.chatflow/dev}, the default ports of the design. */
    public static LocalStackConfig dev() {
        return new LocalStackConfig(Path.of(System.getProperty("user.home"), ".chatflow", "dev"), false,
                EnumSet.allOf(Server.class), DEFAULT_KAFKA_PORT, DEFAULT_KAFKA_CONTROLLER_PORT,
                DEFAULT_CQL_PORT, DEFAULT_CASSANDRA_STORAGE_PORT, DEFAULT_JDBC_URL, DEFAULT_JDBC_USER, "",
                DEFAULT_EMBEDDED_POSTGRES_PORT, Duration.ofSeconds(90));
    }

    /**
     * Integration tests: a clean data directory, free ports (so tests never collide with a running dev
     * stack) and a database of their own on the default PostgreSQL server.
     */
    public static LocalStackConfig forTests(Path dataDir, Set<Server> servers, String database) {
        return new LocalStackConfig(dataDir, true, servers, freePort(), freePort(), freePort(), freePort(),
                "jdbc:postgresql://127.0.0.1:5432/" + database, DEFAULT_JDBC_USER, "", freePort(),
                Duration.ofSeconds(120));
    }

    public boolean runs(Server server) {
        return servers.contains(server);
    }

    public LocalStackConfig withDataDir(Path dir) {
        return new LocalStackConfig(dir, clean, servers, kafkaPort, kafkaControllerPort, cqlPort,
                cassandraStoragePort, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, startupTimeout);
    }

    public LocalStackConfig withClean(boolean wipe) {
        return new LocalStackConfig(dataDir, wipe, servers, kafkaPort, kafkaControllerPort, cqlPort,
                cassandraStoragePort, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, startupTimeout);
    }

    public LocalStackConfig withKafkaPorts(int client, int controller) {
        return new LocalStackConfig(dataDir, clean, servers, client, controller, cqlPort,
                cassandraStoragePort, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, startupTimeout);
    }

    public LocalStackConfig withCassandraPorts(int cql, int storage) {
        return new LocalStackConfig(dataDir, clean, servers, kafkaPort, kafkaControllerPort, cql,
                storage, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, startupTimeout);
    }

    public LocalStackConfig withPostgres(String url, String user, String password, int embeddedPort) {
        return new LocalStackConfig(dataDir, clean, servers, kafkaPort, kafkaControllerPort, cqlPort,
                cassandraStoragePort, url, user, password, embeddedPort, startupTimeout);
    }

    public LocalStackConfig withServers(Set<Server> which) {
        return new LocalStackConfig(dataDir, clean, which, kafkaPort, kafkaControllerPort, cqlPort,
                cassandraStoragePort, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, startupTimeout);
    }

    public LocalStackConfig withStartupTimeout(Duration timeout) {
        return new LocalStackConfig(dataDir, clean, servers, kafkaPort, kafkaControllerPort, cqlPort,
                cassandraStoragePort, jdbcUrl, jdbcUser, jdbcPassword, embeddedPostgresPort, timeout);
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback interface", e);
        }
    }
}
