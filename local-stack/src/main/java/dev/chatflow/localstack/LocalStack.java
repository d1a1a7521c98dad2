package dev.chatflow.localstack;

import dev.chatflow.localstack.cassandra.CassandraServer;
import dev.chatflow.localstack.kafka.KafkaServer;
import dev.chatflow.localstack.postgres.PostgresProvider;
import dev.chatflow.localstack.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack: real Kafka, Cassandra and PostgreSQL servers for the dev run and the integration
 * tests. {@link #start(LocalStackConfig)} returns once every configured server answers a real request
 * (a Kafka metadata request, a CQL query, {@code SELECT 1}); {@link #close()} stops them all.
 *
 * <p>One data directory holds everything; it is locked while the stack runs, so a second stack on the
 * same directory fails fast instead of corrupting it.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    /** Environment variables through which chatflow's services learn where the servers are. */
    public static final String ENV_KAFKA_BOOTSTRAP_SERVERS = "CHATFLOW_KAFKA_BOOTSTRAP_SERVERS";
    public static final String ENV_CASSANDRA_CONTACT_POINTS = "CHATFLOW_CASSANDRA_CONTACT_POINTS";
    public static final String ENV_CASSANDRA_LOCAL_DATACENTER = "CHATFLOW_CASSANDRA_LOCAL_DATACENTER";
    public static final String ENV_JDBC_URL = "CHATFLOW_JDBC_URL";
    public static final String ENV_JDBC_USER = "CHATFLOW_JDBC_USER";
    public static final String ENV_JDBC_PASSWORD = "CHATFLOW_JDBC_PASSWORD";
    public static final String ENV_DATA_DIR = "CHATFLOW_DATA_DIR";

    private final LocalStackConfig config;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final KafkaServer kafka;
    private final CassandraServer cassandra;
    private ChildProcess kafkaProcess;
    private ChildProcess cassandraProcess;
    private PostgresProvider.Database postgres;
    private Duration startupTime = Duration.ZERO;

    private LocalStack(LocalStackConfig config, FileChannel lockChannel, FileLock lock) {
        this.config = config;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.kafka = new KafkaServer(config.dataDir().resolve("kafka"), config.kafkaPort(),
                config.kafkaControllerPort());
        this.cassandra = new CassandraServer(config.dataDir().resolve("cassandra"), config.cqlPort(),
                config.cassandraStoragePort());
    }

    /**
     * Starts the configured servers and waits until each is ready.
     *
     * @throws StackStartException when the data directory is in use, a port is taken, or a server does
     *                             not come up in time (the message names it and its log)
     */
    public static LocalStack start(LocalStackConfig config) {
        long begin = System.nanoTime();
        Path dir = config.dataDir().toAbsolutePath();
        FileChannel channel = null;
        FileLock lock;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StackStartException("cannot lock the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new StackStartException("a local stack is already running on " + dir + " (" + lockOwner(dir)
                    + "); stop it first, or use another --data-dir");
        }
        LocalStack stack = new LocalStack(config.withDataDir(dir), channel, lock);
        try {
            stack.writeOwner();
            stack.checkPortsFree();
            if (config.clean()) {
                stack.wipeDataDir();
            }
            stack.startAll();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        stack.startupTime = Duration.ofNanos(System.nanoTime() - begin);
        return stack;
    }

    /** The lock, or null when another process — or another stack in this JVM — holds it. */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private void startAll() {
        if (config.runs(Server.POSTGRES)) {
            postgres = new PostgresProvider(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword(),
                    config.embeddedPostgresPort(), config.dataDir().resolve("postgres"))
                    .provide(config.clean(), config.startupTimeout());
            Readiness.await(Server.POSTGRES, postgres.embedded(), config.startupTimeout(),
                    () -> PostgresProvider.checkReady(postgres));
        }
        // Kafka and Cassandra boot side by side; each readiness wait then runs against its own deadline.
        if (config.runs(Server.CASSANDRA)) {
            cassandraProcess = cassandra.start();
        }
        if (config.runs(Server.KAFKA)) {
            startKafkaProcess();
            Readiness.await(Server.KAFKA, kafkaProcess, config.startupTimeout(), kafka::checkReady);
        }
        if (config.runs(Server.CASSANDRA)) {
            Readiness.await(Server.CASSANDRA, cassandraProcess, config.startupTimeout(), cassandra::checkReady);
        }
    }

    private void startKafkaProcess() {
        try {
            kafkaProcess = kafka.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackStartException("interrupted while formatting the Kafka storage", e);
        } catch (RuntimeException e) {
            throw new StackStartException("Kafka did not come up: " + e.getMessage(), e);
        }
    }

    public LocalStackConfig config() {
        return config;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** How long {@link #start} took until every server was ready. */
    public Duration startupTime() {
        return startupTime;
    }

    public String kafkaBootstrapServers() {
        requireRunning(Server.KAFKA);
        return kafka.bootstrapServers();
    }

    public InetSocketAddress cassandraContactPoint() {
        requireRunning(Server.CASSANDRA);
        return cassandra.contactPoint();
    }

    public String cassandraLocalDatacenter() {
        return CassandraServer.DATACENTER;
    }

    public String jdbcUrl() {
        requireRunning(Server.POSTGRES);
        return postgres.jdbcUrl();
    }

    public String jdbcUser() {
        requireRunning(Server.POSTGRES);
        return postgres.user();
    }

    public String jdbcPassword() {
        requireRunning(Server.POSTGRES);
        return postgres.password();
    }

    /** Stops the Kafka broker (cleanly), e.g. to test how a service behaves without it. */
    public synchronized void stopKafka() {
        requireRunning(Server.KAFKA);
        if (kafkaProcess != null) {
            kafkaProcess.stop(Duration.ofSeconds(30));
            kafkaProcess = null;
        }
    }

    /** Starts the broker again on the same ports and data, and waits until it is ready. */
    public synchronized void startKafka() {
        requireRunning(Server.KAFKA);
        if (kafkaProcess == null || !kafkaProcess.isAlive()) {
            startKafkaProcess();
            Readiness.await(Server.KAFKA, kafkaProcess, config.startupTimeout(), kafka::checkReady);
        }
    }

    /** Stops the Cassandra node, e.g. to test how the sink copes without it. */
    public synchronized void stopCassandra() {
        requireRunning(Server.CASSANDRA);
        if (cassandraProcess != null) {
            cassandraProcess.stop(Duration.ofSeconds(30));
            cassandraProcess = null;
        }
    }

    /** Starts the Cassandra node again on the same ports and data, and waits until it is ready. */
    public synchronized void startCassandra() {
        requireRunning(Server.CASSANDRA);
        if (cassandraProcess == null || !cassandraProcess.isAlive()) {
            cassandraProcess = cassandra.start();
            Readiness.await(Server.CASSANDRA, cassandraProcess, config.startupTimeout(), cassandra::checkReady);
        }
    }

    /**
     * The environment that tells a chatflow service where the servers are (the same variables
     * docker-compose sets).
     */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (config.runs(Server.KAFKA)) {
            env.put(ENV_KAFKA_BOOTSTRAP_SERVERS, kafkaBootstrapServers());
        }
        if (config.runs(Server.CASSANDRA)) {
            env.put(ENV_CASSANDRA_CONTACT_POINTS, "127.0.0.1:" + config.cqlPort());
            env.put(ENV_CASSANDRA_LOCAL_DATACENTER, cassandraLocalDatacenter());
        }
        if (config.runs(Server.POSTGRES)) {
            env.put(ENV_JDBC_URL, jdbcUrl());
            env.put(ENV_JDBC_USER, jdbcUser());
            env.put(ENV_JDBC_PASSWORD, jdbcPassword());
        }
        env.put(ENV_DATA_DIR, dataDir().toString());
        return env;
    }

    /** What runs where, for people. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        if (config.runs(Server.KAFKA)) {
            text.append(String.format("  Kafka       bootstrap servers %-34s log %s%n", kafkaBootstrapServers(),
                    kafka.logFile()));
        }
        if (config.runs(Server.CASSANDRA)) {
            text.append(String.format("  Cassandra   CQL %-48s log %s%n",
                    "127.0.0.1:" + config.cqlPort() + " (dc " + cassandraLocalDatacenter() + ")", cassandra.logFile()));
        }
        if (config.runs(Server.POSTGRES)) {
            text.append(String.format("  PostgreSQL  JDBC %s (user %s)%s%n", jdbcUrl(), jdbcUser(),
                    postgres.embedded() == null ? "" : " embedded, log " + postgres.embedded().logFile()));
        }
        text.append("  data        ").append(dataDir()).append(System.lineSeparator());
        return text.toString();
    }

    /** Stops every server and releases the data directory. */
    @Override
    public synchronized void close() {
        stopQuietly(kafkaProcess);
        kafkaProcess = null;
        stopQuietly(cassandraProcess);
        cassandraProcess = null;
        if (postgres != null) {
            stopQuietly(postgres.embedded());
        }
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            log.warn("releasing the lock of {} failed: {}", config.dataDir(), e.getMessage());
        }
        closeQuietly(lockChannel);
    }

    private static void stopQuietly(ChildProcess process) {
        if (process != null) {
            try {
                process.stop(Duration.ofSeconds(30));
            } catch (RuntimeException e) {
                log.warn("stopping {} failed: {}", process.name(), e.getMessage());
            }
        }
    }

    private void requireRunning(Server server) {
        if (!config.runs(server)) {
            throw new IllegalStateException(server.displayName() + " is not part of this local stack");
        }
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (config.runs(Server.KAFKA)) {
            ports.put("Kafka client listener (--kafka-port)", config.kafkaPort());
            ports.put("Kafka controller listener (--kafka-controller-port)", config.kafkaControllerPort());
        }
        if (config.runs(Server.CASSANDRA)) {
            ports.put("Cassandra CQL (--cql-port)", config.cqlPort());
            ports.put("Cassandra storage (--cassandra-storage-port)", config.cassandraStoragePort());
        }
        ports.forEach((what, port) -> {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                throw new StackStartException("port " + port + " for " + what + " is in use: is another chatflow "
                        + "stack or server running? Stop it, or choose another port.");
            }
        });
    }

    private void writeOwner() {
        try {
            Files.writeString(config.dataDir().resolve(".owner"),
                    "pid " + ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lockOwner(Path dir) {
        try {
            return Files.readString(dir.resolve(".owner"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "owner unknown";
        }
    }

    private void wipeDataDir() {
        Path dir = config.dataDir();
        log.info("cleaning {}", dir);
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals(".lock") && !name.equals(".owner")) {
                    deleteRecursively(entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir, e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // nothing left to do
            }
        }
    }
}
