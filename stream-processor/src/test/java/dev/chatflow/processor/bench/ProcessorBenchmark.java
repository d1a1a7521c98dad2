package dev.chatflow.processor.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.kafka.KafkaClients;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import dev.chatflow.processor.ProcessorSettings;
import dev.chatflow.processor.sink.CassandraSink;
import dev.chatflow.processor.sink.SinkConfig;
import dev.chatflow.processor.sink.SinkStatus;
import dev.chatflow.processor.topology.ChatTopology;
import dev.chatflow.processor.topology.StreamsSettings;
import dev.chatflow.processor.topology.TopologyListener;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Measures processed messages per second on this machine, on a real local stack of its own (Kafka and
 * Cassandra on free ports under {@code target/bench-stack}):
 * <ol>
 *   <li>the topology on Kafka with exactly-once: N raw messages produced beforehand, then the time until
 *       all N are committed on {@code chat.messages};</li>
 *   <li>the Cassandra sink: the time until those N messages are written and committed.</li>
 * </ol>
 * Run (see stream-processor/README.md): {@code ProcessorBenchmark [messages] [channels]}; the
 * {@code CHATFLOW_PROCESSOR_*} and {@code CHATFLOW_SINK_*} environment variables tune what they tune in
 * the service (e.g. {@code CHATFLOW_PROCESSOR_COMMIT_INTERVAL=500ms}).
 */
public final class ProcessorBenchmark {

    private static final UserRef[] SENDERS = {new UserRef("u-1", "alice"), new UserRef("u-2", "bob"),
            new UserRef("u-3", "carol"), new UserRef("u-4", "dave")};

    private ProcessorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int channels = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        System.out.printf("benchmark: %,d messages over %d channels, %d cores%n", messages, channels,
                Runtime.getRuntime().availableProcessors());

        Path dir = moduleTarget().resolve("bench-stack");
        Files.createDirectories(dir);
        try (LocalStack stack = LocalStack.start(LocalStackConfig.forTests(dir, EnumSet.of(Server.KAFKA, Server.CASSANDRA),
                "unused"))) {
            System.out.printf("local stack ready in %.1f s%n", stack.startupTime().toMillis() / 1000.0);
            // processor.* and sink.* settings can be tuned with their environment variables
            Map<String, String> environment = new HashMap<>();
            System.getenv().forEach((name, value) -> {
                if (name.startsWith("CHATFLOW_PROCESSOR_") || name.startsWith("CHATFLOW_SINK_")) {
                    environment.put(name, value);
                }
            });
            environment.put(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.envName(), stack.kafkaBootstrapServers());
            environment.put(CommonSettings.CASSANDRA_CONTACT_POINTS.envName(),
                    "127.0.0.1:" + stack.cassandraContactPoint().getPort());
            environment.put(CommonSettings.DATA_DIR.envName(), dir.resolve("processor").toString());
            environment.put(ProcessorSettings.APPLICATION_ID.envName(), "bench-" + UUID.randomUUID());
            Config config = Config.load(ProcessorSettings.all(), environment);
            try (Admin admin = Admin.create(KafkaClients.base(config, "bench-admin"))) {
                KafkaClients.provisionTopics(admin, config);
            }
            warmUp(config);
            produce(config, messages, channels);
            topologyOnKafka(config, messages);
            sink(config, messages);
        }
    }

    /** The module's {@code target/}, wherever the benchmark is started from. */
    private static Path moduleTarget() throws URISyntaxException {
        return Path.of(ProcessorBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    /**
     * Writes one record to every raw partition and waits for each ack: on a topic created a moment ago
     * the first batches can meet a leader that is not serving yet, and an idempotent producer with
     * batches in flight can then stall on out-of-order sequence errors. The records are not JSON, so the
     * topology rejects them and they do not count as processed messages.
     */
    private static void warmUp(Config config) throws Exception {
        Properties props = KafkaClients.base(config, "bench-warm-up");
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int p = 0; p < producer.partitionsFor(Topics.RAW_MESSAGES.name()).size(); p++) {
                producer.send(new ProducerRecord<>(Topics.RAW_MESSAGES.name(), p, "warm-up",
                        "warm-up".getBytes(StandardCharsets.UTF_8))).get();
            }
        }
    }

    private static RawMessage message(String prefix, int i, int channels, Instant at) {
        String channel = prefix + "-channel-" + (i % channels);
        UserRef sender = SENDERS[i % SENDERS.length];
        Long replyTo = i >= channels * 2 && i % 10 == 0 ? 1L : null;
        return RawMessage.of(UUID.randomUUID().toString(), channel, sender, prefix + "-" + i,
                "message " + i + " for @bob and @carol: the quick brown fox jumps over the lazy dog", replyTo, at);
    }

    private static void produce(Config config, int messages, int channels) {
        Properties props = KafkaClients.base(config, "bench-producer");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        try (KafkaProducer<String, RawMessage> producer = new KafkaProducer<>(props, new StringSerializer(),
                Topics.RAW_MESSAGES.valueSerde().serializer())) {
            Instant now = Instant.now();
            for (int i = 0; i < messages; i++) {
                RawMessage m = message("kafka", i, channels, now);
                producer.send(new ProducerRecord<>(Topics.RAW_MESSAGES.name(), m.channelId(), m), (meta, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + messages + " raw messages were not written");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("produced %,d raw messages in %.2f s (%,.0f msg/s)%n", messages, seconds, messages / seconds);
    }

    /** Starts the topology with exactly-once over the pre-loaded raw topic; counts committed output. */
    private static void topologyOnKafka(Config config, int messages) {
        Properties consumerProps = KafkaClients.base(config, "bench-reader");
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        try (KafkaStreams streams = new KafkaStreams(ChatTopology.build(StreamsSettings.topologyConfig(config, TopologyListener.NONE)),
                StreamsSettings.streamsConfig(config));
             KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                     new ByteArrayDeserializer())) {
            reader.subscribe(List.of(Topics.MESSAGES.name()));
            long start = System.nanoTime();
            streams.start();
            long first = 0;
            long seen = 0;
            while (seen < messages) {
                int n = reader.poll(Duration.ofMillis(200)).count();
                if (n > 0 && first == 0) {
                    first = System.nanoTime();
                }
                seen += n;
                if (System.nanoTime() - start > Duration.ofMinutes(20).toNanos()) {
                    throw new IllegalStateException("only " + seen + " of " + messages + " processed in 20 minutes");
                }
            }
            long end = System.nanoTime();
            System.out.printf("topology on Kafka (exactly_once_v2, %d stream thread(s), commit every %s): %,d messages "
                            + "in %.2f s from start = %,.0f msg/s; %,.0f msg/s from first to last output%n",
                    config.integer(ProcessorSettings.STREAM_THREADS.key()),
                    config.string(ProcessorSettings.COMMIT_INTERVAL.key()), seen, (end - start) / 1e9,
                    seen / ((end - start) / 1e9), seen / ((end - first) / 1e9));
        }
    }

    /** Writes the processed messages to Cassandra with the sink; counts until all are written. */
    private static void sink(Config config, int messages) {
        String keyspace = config.string(CommonSettings.CASSANDRA_KEYSPACE.key());
        try (CqlSession session = CqlSessions.connect(config, "bench")) {
            CqlSchema.apply(session, keyspace, config.string(CommonSettings.CASSANDRA_REPLICATION.key()));
            HistoryStore history = new HistoryStore(session, keyspace);
            SinkConfig sinkConfig = new SinkConfig("bench-sink-" + UUID.randomUUID(),
                    config.integer(ProcessorSettings.SINK_MAX_POLL_RECORDS.key()),
                    config.integer(ProcessorSettings.SINK_ROWS_PER_BATCH.key()),
                    config.integer(ProcessorSettings.SINK_BYTES_PER_BATCH.key()),
                    config.integer(ProcessorSettings.SINK_BATCHES_IN_FLIGHT.key()),
                    Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5));
            SinkStatus status = new SinkStatus();
            long start = System.nanoTime();
            try (CassandraSink sink = new CassandraSink(KafkaClients.base(config, "bench-sink"), history, sinkConfig,
                    status).start()) {
                long first = 0;
                while (status.written() < messages) {
                    if (first == 0 && status.written() > 0) {
                        first = System.nanoTime();
                    }
                    if (status.state() == SinkStatus.State.STOPPED) {
                        throw new IllegalStateException("the sink stopped");
                    }
                    if (System.nanoTime() - start > Duration.ofMinutes(20).toNanos()) {
                        throw new IllegalStateException("only " + status.written() + " written in 20 minutes");
                    }
                    sleepQuietly();
                }
                long end = System.nanoTime();
                System.out.printf("Cassandra sink (%d rows per batch, %d batches in flight): %,d messages in %.2f s "
                                + "from start = %,.0f msg/s; %,.0f msg/s from first to last write; write failures %d%n",
                        sinkConfig.rowsPerBatch(), sinkConfig.batchesInFlight(), status.written(), (end - start) / 1e9,
                        status.written() / ((end - start) / 1e9), status.written() / ((end - first) / 1e9),
                        status.failedWrites());
            }
        }
    }

    /** Between two looks at the sink's progress (a benchmark main, not a test: it waits on purpose). */
    private static void sleepQuietly() {
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
        if (Thread.interrupted()) {
            throw new IllegalStateException("interrupted");
        }
    }
}
