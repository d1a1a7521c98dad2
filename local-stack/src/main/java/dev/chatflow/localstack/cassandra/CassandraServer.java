package dev.chatflow.localstack.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.localstack.process.RuntimeClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A single Apache Cassandra 5.0 node from the {@code cassandra-all} artifact, in its own JVM (its
 * Netty and Guava never meet the driver's), heap capped at 1 GB, with the JDK 17 flags of Cassandra's
 * {@code conf/jvm17-server.options}.
 */
public final class CassandraServer {

    /** The data centre name that {@code SimpleSnitch} reports; drivers must name it as their local one. */
    public static final String DATACENTER = "datacenter1";

    /** From Cassandra's conf/jvm17-server.options (JPMS section), without which it does not start on 17. */
    private static final List<String> JDK17_OPTIONS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private final Path home;
    private final int cqlPort;
    private final int storagePort;

    /**
     * @param home        directory for config, data and log of this node
     * @param cqlPort     native protocol port
     * @param storagePort inter-node port (a single node binds it too)
     */
    public CassandraServer(Path home, int cqlPort, int storagePort) {
        this.home = home;
        this.cqlPort = cqlPort;
        this.storagePort = storagePort;
    }

    public InetSocketAddress contactPoint() {
        return new InetSocketAddress("127.0.0.1", cqlPort);
    }

    public Path logFile() {
        return home.resolve("cassandra.log");
    }

    /** Writes cassandra.yaml and logback.xml and forks the node. Returns at once. */
    public ChildProcess start() {
        Path yaml = writeConfig();
        List<String> jvm = new ArrayList<>(List.of(
                "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:+ParallelRefProcEnabled",
                "-XX:MaxTenuringThreshold=1", "-XX:G1HeapRegionSize=16m",
                "-Djava.net.preferIPv4Stack=true", "-Djava.awt.headless=true",
                "-Dcassandra.config=" + yaml.toUri(),
                "-Dcassandra-foreground=yes",
                "-Dcassandra.storagedir=" + home.resolve("data").toAbsolutePath(),
                "-Dcassandra.logdir=" + home.toAbsolutePath(),
                "-Dlogback.configurationFile=" + home.resolve("logback.xml").toAbsolutePath(),
                // a single node has nobody to gossip with or to wait for
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                "-Dcassandra.ring_delay_ms=100",
                "-Dcassandra.superuser_setup_delay_ms=0",
                "-Dcassandra.load_ring_state=false"));
        jvm.addAll(JDK17_OPTIONS);
        return ChildProcess.start(new ChildProcess.Spec("cassandra", RuntimeClasspath.of("cassandra"),
                "org.apache.cassandra.service.CassandraDaemon", jvm, List.of(), Map.of(), logFile()));
    }

    /** A CQL query against system.local. */
    public void checkReady() {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(contactPoint())
                .withLocalDatacenter(DATACENTER)
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(2))
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(5))
                        .withInt(DefaultDriverOption.CONNECTION_POOL_LOCAL_SIZE, 1)
                        .build())
                .build()) {
            if (session.execute("SELECT release_version FROM system.local").one() == null) {
                throw new IllegalStateException("system.local returned no row");
            }
        }
    }

    private Path writeConfig() {
        Path data = home.resolve("data").toAbsolutePath();
        String yaml = """
                # written by chatflow local-stack at every start; edits are overwritten
                cluster_name: chatflow-local
                num_tokens: 16
                allocate_tokens_for_local_replication_factor: 1
                partitioner: org.apache.cassandra.dht.Murmur3Partitioner
                data_file_directories:
                  - %1$s/data
                commitlog_directory: %1$s/commitlog
                saved_caches_directory: %1$s/saved_caches
                hints_directory: %1$s/hints
                cdc_raw_directory: %1$s/cdc_raw
                commitlog_sync: periodic
                commitlog_sync_period: 10000ms
                seed_provider:
                  - class_name: org.apache.cassandra.locator.SimpleSeedProvider
                    parameters:
                      - seeds: "127.0.0.1:%3$d"
                listen_address: 127.0.0.1
                rpc_address: 127.0.0.1
                storage_port: %3$d
                start_native_transport: true
                native_transport_port: %2$d
                endpoint_snitch: SimpleSnitch
                authenticator: AllowAllAuthenticator
                authorizer: AllowAllAuthorizer
                dynamic_snitch: false
                auto_snapshot: false
                # a laptop-sized node: small caches, few compactors
                key_cache_size: 16MiB
                concurrent_compactors: 1
                """.formatted(data, cqlPort, storagePort);
        String logback = """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%d{ISO8601} %-5level [%thread] %logger{0} %msg%n</pattern></encoder>
                  </appender>
                  <logger name="org.apache.cassandra" level="INFO"/>
                  <root level="WARN"><appender-ref ref="OUT"/></root>
                </configuration>
                """;
        try {
            Files.createDirectories(data);
            Files.writeString(home.resolve("logback.xml"), logback, StandardCharsets.UTF_8);
            Path file = home.resolve("cassandra.yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Cassandra configuration in " + home, e);
        }
    }
}
