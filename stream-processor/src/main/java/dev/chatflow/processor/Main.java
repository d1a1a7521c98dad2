package dev.chatflow.processor;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.kit.lifecycle.Closer;
import dev.chatflow.kit.metrics.Metrics;
import dev.chatflow.processor.http.ProcessorHttp;
import dev.chatflow.processor.http.StreamsHealthCheck;
import dev.chatflow.processor.replay.ReplayCommand;
import dev.chatflow.processor.reprocess.ReprocessCommand;
import dev.chatflow.processor.sink.CassandraSink;
import dev.chatflow.processor.sink.SinkStatus;
import dev.chatflow.processor.topology.ChatTopology;
import dev.chatflow.processor.topology.StreamsSettings;
import dev.chatflow.processor.topology.TopologyMeters;
import dev.chatflow.schemas.topics.TopicProvisioner;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.undertow.Undertow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The stream processor: provisions the topics, runs the topology (exactly-once), the Cassandra sink and
 * the operations endpoints on {@code http.port}. Only wiring lives here, and the command line that also
 * reaches the operations on the processor's data ({@code replay}, {@code reprocess}).
 */
@Command(name = "stream-processor", mixinStandardHelpOptions = true,
        description = "chatflow's stream processor: runs the service when no command is given.")
public final class Main implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    private static final String SERVICE = "stream-processor";

    private final Supplier<Config> config;
    private Running service;

    /** @param config read when a command runs, so that {@code --help} and argument errors need none */
    Main(Supplier<Config> config) {
        this.config = config;
    }

    /**
     * No arguments (or {@code run}): runs the service until the JVM is stopped. {@code replay …} and
     * {@code reprocess …}: runs the operation and exits with its status.
     */
    public static void main(String[] args) {
        Main main = new Main(() -> Config.load(ProcessorSettings.all()));
        int exit = commandLine(main).execute(args);
        if (main.service == null) {
            System.exit(exit);
        }
        // the service's threads keep the JVM alive; its shutdown hook stops it
    }

    /** The command line: the service, and the operations on its data. */
    static CommandLine commandLine(Main main) {
        return new CommandLine(main)
                .addSubcommand(new ReplayCommand(main.config))
                .addSubcommand(new ReprocessCommand(main.config))
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // refusals and failures the commands explain themselves are IllegalStateExceptions
                    if (e instanceof IllegalStateException) {
                        log.debug("{} failed", cmd.getCommandName(), e);
                        cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandName() + ": " + e.getMessage()));
                    } else {
                        log.error("{} failed", cmd.getCommandName(), e);
                        cmd.getErr().println(cmd.getColorScheme().errorText(cmd.getCommandName() + " failed: " + e));
                    }
                    return 1;
                });
    }

    @Override
    public Integer call() {
        service = start(config.get());
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "processor-shutdown"));
        return 0;
    }

    @Command(name = "run", description = "Run the service (the default when no command is given).")
    int run() {
        return call();
    }

    /** Builds and starts every part; closing the result stops them, last started first. */
    public static Running start(Config config) {
        Running running = new Running();
        try {
            PrometheusMeterRegistry registry = Metrics.registry(SERVICE);
            running.add(registry::close);

            Admin admin = running.add(Admin.create(KafkaClients.base(config, "chatflow-processor-admin")));
            TopicProvisioner.Report topics = KafkaClients.provisionTopics(admin, config);
            log.info("topics ready (created {}, unchanged {})", topics.created(), topics.unchanged());

            Topology topology = ChatTopology.build(StreamsSettings.topologyConfig(config, new TopologyMeters(registry)));
            KafkaStreams streams = new KafkaStreams(topology, StreamsSettings.streamsConfig(config));
            streams.setUncaughtExceptionHandler(e -> {
                log.error("Kafka Streams failed; it stops and /health reports it DOWN: {}", e.toString(), e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.setStateListener((now, before) -> log.info("Kafka Streams {} -> {}", before, now));
            // leaving the group on a clean stop lets reprocess run at once, not only after the session timeout
            running.add(() -> streams.close(CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(Duration.ofSeconds(30))));
            running.add(new KafkaStreamsMetrics(streams)).bindTo(registry);
            TopologyMeters.bindStreamsState(registry, streams);
            streams.start();

            String keyspace = config.string(CommonSettings.CASSANDRA_KEYSPACE.key());
            log.info("connecting to Cassandra at {}", config.string(CommonSettings.CASSANDRA_CONTACT_POINTS.key()));
            CqlSession session = running.add(CqlSessions.connect(config, SERVICE));
            CqlSchema.apply(session, keyspace, config.string(CommonSettings.CASSANDRA_REPLICATION.key()));
            HistoryStore history = new HistoryStore(session, keyspace);

            SinkStatus sinkStatus = new SinkStatus();
            sinkStatus.bindTo(registry);
            running.add(new CassandraSink(KafkaClients.base(config, "chatflow-cassandra-sink"), history,
                    ProcessorSettings.sinkConfig(config), sinkStatus)).start();

            int port = config.integer(ProcessorSettings.HTTP_PORT.key());
            Undertow http = ProcessorHttp.start(port, ProcessorHttp.routes(List.of(KafkaClients.health(admin),
                    new StreamsHealthCheck(streams), CqlSessions.health(session), sinkStatus.health()), registry));
            running.add(http::stop);
            log.info("{} running: health and metrics on http://127.0.0.1:{}/health and /metrics", SERVICE, port);
            return running;
        } catch (RuntimeException e) {
            running.close();
            throw e;
        }
    }

    /** The started parts, closed in reverse order. */
    public static final class Running implements AutoCloseable {

        private final Closer parts = new Closer();

        <T extends AutoCloseable> T add(T part) {
            return parts.add(part);
        }

        @Override
        public void close() {
            parts.close();
            log.info("{} stopped", SERVICE);
        }
    }
}
