package dev.chatflow.processor.replay;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.processor.ProcessorSettings;
import dev.chatflow.processor.sink.HistoryWriter;
import dev.chatflow.processor.sink.SinkConfig;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code replay}: wires a {@link Replay} from the processor's configuration and the command's options. */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Re-persist chat.messages into the Cassandra history from a point in time (idempotent).",
                "Reads read_committed without a consumer group: the sink's group is left alone.",
                "Settings (Kafka, Cassandra, batch sizes) come from CHATFLOW_* like the service's."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = IsoTime.class,
            description = "First record time to replay (ISO-8601: 2026-03-01T12:00:00Z, 2026-03-01T13:00:00+01:00, 2026-03-01).")
    Instant from;

    @Option(names = "--to", paramLabel = "TIME", converter = IsoTime.class,
            description = "Stop before the first record at or after this time (default: the end as of the start).")
    Instant to;

    @Option(names = "--channel", paramLabel = "ID", description = "Replay this channel only.")
    String channel;

    @Option(names = "--dry-run", description = "Read and count what would be written; write nothing.")
    boolean dryRun;

    private final Supplier<Config> config;

    public ReplayCommand(Supplier<Config> config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        if (to != null && !to.isAfter(from)) {
            throw new ParameterException(spec.commandLine(), "--to " + to + " must be after --from " + from);
        }
        if (channel != null && channel.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--channel must not be blank");
        }
        Config c = config.get();
        SinkConfig sink = ProcessorSettings.sinkConfig(c);
        Replay.Request request = new Replay.Request(from, Optional.ofNullable(to), Optional.ofNullable(channel));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Replay.consumerProps(
                KafkaClients.base(c, "chatflow-replay"), sink.maxPollRecords()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            if (dryRun) {
                new Replay(consumer, Optional.empty(), spec.commandLine().getOut()).run(request);
                return 0;
            }
            try (CqlSession session = CqlSessions.connect(c, "chatflow-replay")) {
                String keyspace = c.string(CommonSettings.CASSANDRA_KEYSPACE.key());
                CqlSchema.apply(session, keyspace, c.string(CommonSettings.CASSANDRA_REPLICATION.key()));
                HistoryWriter writer = HistoryWriter.of(new HistoryStore(session, keyspace), sink);
                new Replay(consumer, Optional.of(writer), spec.commandLine().getOut()).run(request);
                return 0;
            }
        }
    }
}
