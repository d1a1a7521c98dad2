package dev.chatflow.processor.reprocess;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.processor.ProcessorSettings;
import dev.chatflow.processor.topology.ChatTopology;
import dev.chatflow.processor.topology.StreamsSettings;
import dev.chatflow.processor.topology.TopologyListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code reprocess}: wires a {@link Reprocess} from the processor's configuration. */
@Command(name = "reprocess", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reset the processor's Kafka Streams application (input offsets to the start of "
                + "chat.messages.raw, internal topics deleted, local state cleared) so that its next start "
                + "re-derives chat.messages with the same seqs. Refuses while the application is active.",
                "Settings (Kafka, processor.application.id, data.dir) come from CHATFLOW_* like the service's."})
public final class ReprocessCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Print what would be reset; change nothing.")
    boolean dryRun;

    @Option(names = "--allow-renumbering", description = "Reset even though retention has trimmed chat.messages.raw, "
            + "knowing that the trimmed channels get new seqs (refused without it).")
    boolean allowRenumbering;

    private final Supplier<Config> config;

    public ReprocessCommand(Supplier<Config> config) {
        this.config = config;
    }

    @Override
    public Integer call() {
        Config c = config.get();
        StreamsConfig streamsConfig = StreamsSettings.streamsConfig(c);
        String applicationId = c.string(ProcessorSettings.APPLICATION_ID.key());
        Path stateDir = Path.of(streamsConfig.getString(StreamsConfig.STATE_DIR_CONFIG)).resolve(applicationId);
        Reprocess.LocalState localState = new Reprocess.LocalState() {
            @Override
            public Path directory() {
                return stateDir;
            }

            @Override
            public void clear() {
                // an instance that is never started; cleanUp also fails if one in this state directory runs
                KafkaStreams streams = new KafkaStreams(ChatTopology.build(StreamsSettings.topologyConfig(c,
                        TopologyListener.NONE)), streamsConfig);
                try {
                    streams.cleanUp();
                } finally {
                    streams.close(Duration.ofSeconds(10));
                }
            }
        };
        try (Admin admin = Admin.create(KafkaClients.base(c, "chatflow-reprocess"))) {
            new Reprocess(admin, c.string(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.key()), applicationId, localState,
                    spec.commandLine().getOut()).run(dryRun, allowRenumbering);
            return 0;
        }
    }
}
