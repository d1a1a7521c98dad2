package dev.chatflow.processor.topology;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.processor.ProcessorSettings;
import dev.chatflow.schemas.topics.TopicCatalog;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The {@link StreamsConfig} of the processor, from its configuration; the topology is built apart from it. */
public final class StreamsSettings {

    /** Longest wait of the stream thread for input before it looks at its commit again. */
    static final long POLL_MS = 10;

    private StreamsSettings() {
    }

    public static TopologyConfig topologyConfig(Config config, TopologyListener listener) {
        return new TopologyConfig(config.integer(ProcessorSettings.MAX_TEXT_LENGTH.key()),
                config.duration(ProcessorSettings.DEDUPE_WINDOW.key()),
                config.integer(ProcessorSettings.REPLY_PREVIEWS_PER_CHANNEL.key()), listener);
    }

    /** Exactly-once v2, state under {@code data.dir/streams}, internal topics replicated like the catalog's. */
    public static StreamsConfig streamsConfig(Config config) {
        String applicationId = config.string(ProcessorSettings.APPLICATION_ID.key());
        Properties props = KafkaClients.base(config, applicationId);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG,
                config.path(CommonSettings.DATA_DIR.key()).resolve("streams").toAbsolutePath().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.integer(ProcessorSettings.STREAM_THREADS.key()));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                config.duration(ProcessorSettings.COMMIT_INTERVAL.key()).toMillis());
        // the stream thread checks whether a commit is due only between polls; when input trickles in,
        // a poll that may block for the default 100 ms delays the commit (and every message waiting
        // for it) by up to that much beyond the commit interval
        props.put(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
        config.optional(TopicCatalog.REPLICATION_FACTOR)
                .ifPresent(rf -> props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.parseInt(rf.trim())));
        // the updater of the users store handles bad profiles itself; anything else fails loudly there too
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        return new StreamsConfig(props);
    }
}
