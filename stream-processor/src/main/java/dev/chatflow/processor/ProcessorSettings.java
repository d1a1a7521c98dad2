package dev.chatflow.processor;

import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import dev.chatflow.processor.sink.SinkConfig;
import java.util.ArrayList;
import java.util.List;

/** Every setting the stream processor reads (environment: {@code CHATFLOW_} + the key in upper case). */
public final class ProcessorSettings {

    public static final Setting HTTP_PORT = CommonSettings.httpPort(8082);

    public static final Setting APPLICATION_ID = new Setting("processor.application.id", "chatflow-processor",
            "Kafka Streams application id: consumer group, transactional ids and internal topic prefix");
    public static final Setting STREAM_THREADS = new Setting("processor.stream.threads", "1",
            "Kafka Streams threads of this instance");
    public static final Setting COMMIT_INTERVAL = new Setting("processor.commit.interval", "100ms",
            "how often Kafka Streams commits its transaction (latency of chat.messages)");
    public static final Setting MAX_TEXT_LENGTH = new Setting("processor.max.text.length", "4000",
            "longest accepted message text after normalization, in characters (at most 4000)");
    public static final Setting DEDUPE_WINDOW = new Setting("processor.dedupe.window", "24h",
            "how long (in record time) a (channel, sender, clientMsgId) is remembered to drop re-sends");
    public static final Setting REPLY_PREVIEWS_PER_CHANNEL = new Setting("processor.reply.previews.per.channel", "1000",
            "how many of a channel's latest messages can be shown as a reply preview");

    public static final Setting SINK_GROUP_ID = new Setting("sink.group.id", "chatflow-cassandra-sink",
            "consumer group of the Cassandra sink over chat.messages");
    public static final Setting SINK_MAX_POLL_RECORDS = new Setting("sink.max.poll.records", "2000",
            "records the sink writes between two offset commits, at most");
    public static final Setting SINK_ROWS_PER_BATCH = new Setting("sink.rows.per.batch", "50",
            "rows per Cassandra batch (one partition each)");
    public static final Setting SINK_BYTES_PER_BATCH = new Setting("sink.bytes.per.batch", "40000",
            "rough upper size of a Cassandra batch in bytes, below batch_size_fail_threshold");
    public static final Setting SINK_BATCHES_IN_FLIGHT = new Setting("sink.batches.in.flight", "32",
            "Cassandra batches written concurrently (two requests each)");
    public static final Setting SINK_WRITE_TIMEOUT = new Setting("sink.write.timeout", "30s",
            "how long a poll's writes may take before the sink retries them");
    public static final Setting SINK_RETRY_INITIAL = new Setting("sink.retry.initial.backoff", "500ms",
            "first pause after a failed Cassandra write");
    public static final Setting SINK_RETRY_MAX = new Setting("sink.retry.max.backoff", "30s",
            "longest pause between retries of Cassandra writes");

    private ProcessorSettings() {
    }

    public static List<Setting> all() {
        List<Setting> all = new ArrayList<>();
        all.add(HTTP_PORT);
        all.add(CommonSettings.DATA_DIR);
        all.addAll(CommonSettings.kafka());
        all.addAll(CommonSettings.cassandra());
        all.addAll(List.of(APPLICATION_ID, STREAM_THREADS, COMMIT_INTERVAL, MAX_TEXT_LENGTH, DEDUPE_WINDOW,
                REPLY_PREVIEWS_PER_CHANNEL, SINK_GROUP_ID, SINK_MAX_POLL_RECORDS, SINK_ROWS_PER_BATCH,
                SINK_BYTES_PER_BATCH, SINK_BATCHES_IN_FLIGHT, SINK_WRITE_TIMEOUT, SINK_RETRY_INITIAL, SINK_RETRY_MAX));
        return List.copyOf(all);
    }

    /** How the Cassandra sink (and a replay) consume and write. */
    public static SinkConfig sinkConfig(Config config) {
        return new SinkConfig(config.string(SINK_GROUP_ID.key()),
                config.integer(SINK_MAX_POLL_RECORDS.key()),
                config.integer(SINK_ROWS_PER_BATCH.key()),
                config.integer(SINK_BYTES_PER_BATCH.key()),
                config.integer(SINK_BATCHES_IN_FLIGHT.key()),
                config.duration(SINK_WRITE_TIMEOUT.key()),
                config.duration(SINK_RETRY_INITIAL.key()),
                config.duration(SINK_RETRY_MAX.key()));
    }
}
