package dev.chatflow.localstack.kafka;

import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.localstack.process.RuntimeClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Apache Kafka broker in KRaft combined mode (broker and controller in one process),
 * forked from the {@code kafka_2.13} artifact. The internal topics for consumer offsets and
 * transactions are set to replication factor 1 and min ISR 1, so exactly-once Kafka Streams runs on it.
 */
public final class KafkaServer {

    private final Path home;
    private final int port;
    private final int controllerPort;

    /**
     * @param home           directory for config, data and log of this broker
     * @param port           client listener port
     * @param controllerPort KRaft controller listener port
     */
    public KafkaServer(Path home, int port, int controllerPort) {
        this.home = home;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path logFile() {
        return home.resolve("kafka.log");
    }

    /**
     * Writes the configuration, formats the storage on first use (kafka.tools.StorageTool) and forks
     * the broker. Returns at once; readiness is checked with {@link #checkReady()}.
     */
    public ChildProcess start() throws InterruptedException {
        Path config = writeConfig();
        List<Path> classpath = RuntimeClasspath.of("kafka");
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format(classpath, config);
        }
        return ChildProcess.start(new ChildProcess.Spec("kafka", classpath, "kafka.Kafka",
                jvmOptions(), List.of(config.toString()), Map.of(), logFile()));
    }

    /** A metadata request: the cluster answers with at least one node. */
    public void checkReady() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000);
        try (Admin admin = Admin.create(props)) {
            int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000))
                    .nodes().get().size();
            if (nodes == 0) {
                throw new IllegalStateException("the cluster has no broker yet");
            }
        }
    }

    private void format(List<Path> classpath, Path config) throws InterruptedException {
        String clusterId = Uuid.randomUuid().toString();
        Path formatLog = home.resolve("kafka-format.log");
        ChildProcess tool = ChildProcess.start(new ChildProcess.Spec("kafka-storage-format", classpath,
                "kafka.tools.StorageTool", jvmOptions(),
                List.of("format", "-t", clusterId, "-c", config.toString()), Map.of(), formatLog));
        if (!tool.waitFor(Duration.ofMinutes(2)) || tool.exitCode() != 0) {
            tool.kill();
            throw new IllegalStateException("formatting the Kafka storage failed (exit " + tool.exitCode()
                    + "), see " + formatLog + ":\n" + tool.logTail(20));
        }
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private List<String> jvmOptions() {
        return List.of("-Xms256m", "-Xmx768m", "-XX:+UseG1GC", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + home.resolve("log4j2.properties").toUri());
    }

    private Path writeConfig() {
        String server = """
                # written by chatflow local-stack at every start; edits are overwritten
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                num.partitions=1
                auto.create.topics.enable=false
                # a single broker: every internal topic has one replica
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=10
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                transaction.state.log.num.partitions=10
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                min.insync.replicas=1
                default.replication.factor=1
                group.initial.rebalance.delay.ms=0
                log.retention.check.interval.ms=60000
                """.formatted(port, controllerPort, dataDir().toAbsolutePath());
        String log4j = """
                status = warn
                appender.out.type = Console
                appender.out.name = out
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = out
                logger.kafka.name = kafka
                logger.kafka.level = info
                logger.state-change.name = state.change.logger
                logger.state-change.level = warn
                logger.request.name = kafka.request.logger
                logger.request.level = warn
                """;
        try {
            Files.createDirectories(dataDir());
            Files.writeString(home.resolve("log4j2.properties"), log4j, StandardCharsets.UTF_8);
            Path config = home.resolve("server.properties");
            Files.writeString(config, server, StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Kafka configuration in " + home, e);
        }
    }
}
