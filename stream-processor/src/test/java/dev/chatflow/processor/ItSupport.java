package dev.chatflow.processor;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.localstack.process.RuntimeClasspath;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topic;
import dev.chatflow.schemas.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the processor's integration tests share: configuration, clients of the real stack, readers. */
final class ItSupport {

    private ItSupport() {
    }

    /** The processor's configuration against {@code stack}, on a free port, with state under {@code dataDir}. */
    static Config processorConfig(LocalStack stack, Path dataDir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(processorEnvironmentKeys(stack, dataDir, freePort()));
        values.putAll(overrides);
        return Config.of(ProcessorSettings.all(), values);
    }

    /** Setting key → value, the same a deployment passes as environment variables. */
    static Map<String, String> processorEnvironmentKeys(LocalStack stack, Path dataDir, int httpPort) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.key(), stack.kafkaBootstrapServers());
        values.put(CommonSettings.CASSANDRA_CONTACT_POINTS.key(), "127.0.0.1:" + stack.cassandraContactPoint().getPort());
        values.put(CommonSettings.CASSANDRA_LOCAL_DATACENTER.key(), stack.cassandraLocalDatacenter());
        values.put(CommonSettings.DATA_DIR.key(), dataDir.toAbsolutePath().toString());
        values.put(ProcessorSettings.HTTP_PORT.key(), Integer.toString(httpPort));
        return values;
    }

    /** The same keys as {@link #processorEnvironmentKeys}, as environment variables ({@code CHATFLOW_…}). */
    static Map<String, String> environment(Map<String, String> keys) {
        Map<String, String> env = new LinkedHashMap<>();
        keys.forEach((key, value) -> env.put(Setting.envName(key), value));
        return env;
    }

    /** What {@code ./chatflow} runs the processor on: its classes and {@code target/runtime.classpath}. */
    static List<Path> runtimeClasspath() {
        Path target = Path.of("target");
        List<Path> classpath = new ArrayList<>();
        classpath.add(target.resolve("classes").toAbsolutePath());
        try {
            classpath.addAll(RuntimeClasspath.parse(Files.readString(target.resolve("runtime.classpath"),
                    StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("target/runtime.classpath is written by the build (prepare-package)", e);
        }
        return classpath;
    }

    /** How a command of the processor ended: its exit code and what it printed (stdout and stderr). */
    record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs {@code Main} with {@code arguments} in a JVM of its own, as {@code ./chatflow replay|reprocess}
     * does, and waits for it to exit.
     */
    static CommandResult runCommand(Map<String, String> environment, String... arguments) {
        String name = arguments[0] + "-" + UUID.randomUUID().toString().substring(0, 8);
        Path log = Path.of("target", "ops-it", name + ".log").toAbsolutePath();
        try (ChildProcess process = ChildProcess.start(new ChildProcess.Spec(name, runtimeClasspath(),
                Main.class.getName(), List.of("-Xmx256m"), List.of(arguments), environment, log))) {
            if (!process.waitFor(Duration.ofMinutes(3))) {
                throw new IllegalStateException(String.join(" ", arguments) + " did not end within 3 minutes: "
                        + process.logTail(40));
            }
            return new CommandResult(process.exitCode(), Files.readString(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaProducer<String, RawMessage> rawProducer(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        Topic<String, RawMessage> raw = Topics.RAW_MESSAGES;
        return new KafkaProducer<>(props, raw.keySerde().serializer(), raw.valueSerde().serializer());
    }

    static KafkaProducer<String, byte[]> bytesProducer(LocalStack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Sends and waits for the broker's ack, as the ingest gateway does before it answers "accepted". */
    static void sendAcked(KafkaProducer<String, RawMessage> producer, RawMessage message) {
        try {
            producer.send(new ProducerRecord<>(Topics.RAW_MESSAGES.name(), message.channelId(), message)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send failed", e.getCause());
        }
    }

    static RawMessage raw(String channel, UserRef sender, String clientMsgId, String text) {
        return RawMessage.of(UUID.randomUUID().toString(), channel, sender, clientMsgId, text, null, Instant.now());
    }

    static String channel(String name) {
        return name + "-" + UUID.randomUUID();
    }

    /** A session on the stack's Cassandra with the history schema applied. */
    static CqlSession cassandra(LocalStack stack) {
        Config config = Config.of(CommonSettings.cassandra(), Map.of(CommonSettings.CASSANDRA_CONTACT_POINTS.key(),
                "127.0.0.1:" + stack.cassandraContactPoint().getPort()));
        CqlSession session = CqlSessions.connect(config, "processor-it");
        CqlSchema.apply(session, "chatflow", "{'class': 'SimpleStrategy', 'replication_factor': 1}");
        return session;
    }

    static HistoryStore history(CqlSession session) {
        return new HistoryStore(session, "chatflow");
    }

    /** The seqs Cassandra holds for {@code channel}, oldest first. */
    static List<Long> storedSeqs(HistoryStore history, String channel) {
        return history.after(channel, 0, 100_000).stream().map(ProcessedMessage::seq).toList();
    }

    static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a topic from the beginning with read_committed (what the topology committed), keeping the
     * records of some channels only; call {@link #poll()} until what is wanted has arrived.
     */
    static final class TopicReader<V> implements AutoCloseable {

        private final KafkaConsumer<String, V> consumer;
        private final Set<String> channels;
        private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

        TopicReader(LocalStack stack, Topic<String, V> topic, Collection<String> channels) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            this.consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer());
            this.channels = Set.copyOf(channels);
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Reads what has arrived since the last call. */
        TopicReader<V> poll() {
            for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
                if (channels.contains(r.key())) {
                    records.add(r);
                }
            }
            return this;
        }

        List<V> values() {
            return records.stream().map(ConsumerRecord::value).toList();
        }

        List<ConsumerRecord<String, V>> records() {
            return List.copyOf(records);
        }

        Map<String, List<V>> byChannel() {
            return records.stream().collect(Collectors.groupingBy(ConsumerRecord::key, LinkedHashMap::new,
                    Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
