package dev.chatflow.processor;

import static dev.chatflow.processor.ItSupport.channel;
import static dev.chatflow.processor.ItSupport.sendAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reprocess} as {@code ./chatflow reprocess} runs it (its own JVM on the runtime classpath), on a
 * processor application of its own: it numbers messages, stops, is reset, and numbers them again.
 */
@ExtendWith(LocalStackExtension.class)
class ReprocessIT {

    private static final List<UserRef> SENDERS = List.of(new UserRef("u-fay-it", "fay"), new UserRef("u-gus-it", "gus"));
    /** An application of its own, so that resetting it disturbs no other test's processor. */
    private static final String APPLICATION_ID = "reprocess-it-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    static Path dataDir;
    private static Config config;
    private static Map<String, String> env;
    private static Admin admin;
    private static final List<String> channels = List.of(channel("again-a"), channel("again-b"));
    /** messageId → seq, as first numbered. */
    private static final Map<String, Long> firstSeqs = new HashMap<>();

    @BeforeAll
    static void numberMessagesAndStop(LocalStack stack) {
        Map<String, String> keys = new LinkedHashMap<>(ItSupport.processorEnvironmentKeys(stack, dataDir,
                ItSupport.freePort()));
        keys.put(ProcessorSettings.APPLICATION_ID.key(), APPLICATION_ID);
        keys.put(ProcessorSettings.SINK_GROUP_ID.key(), APPLICATION_ID + "-sink");
        config = ItSupport.processorConfig(stack, dataDir, keys);
        env = ItSupport.environment(keys);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));

        try (Main.Running processor = Main.start(config);
             KafkaProducer<String, RawMessage> producer = ItSupport.rawProducer(stack);
             ItSupport.TopicReader<ProcessedMessage> processed = new ItSupport.TopicReader<>(stack, Topics.MESSAGES,
                     channels)) {
            int distinct = 0;
            for (int i = 0; i < 40; i++) {
                String channel = channels.get(i % channels.size());
                UserRef sender = SENDERS.get((i / 2) % SENDERS.size());
                if (i % 5 == 4) { // a re-send of this sender's previous message in the channel: dropped, no seq
                    sendAcked(producer, ItSupport.raw(channel, sender, "cm-" + (i - 4), "again " + (i - 4)));
                } else {
                    sendAcked(producer, ItSupport.raw(channel, sender, "cm-" + i, "message " + i));
                    distinct++;
                }
            }
            int expected = distinct;
            await().atMost(Duration.ofMinutes(2)).until(() -> processed.poll().values().size() >= expected);
            processed.values().forEach(m -> firstSeqs.put(m.messageId(), m.seq()));
            assertThat(firstSeqs).hasSize(expected);
        }
        awaitNoMembers();
    }

    @AfterAll
    static void close() {
        admin.close();
    }

    @Test
    void reprocessedMessagesGetTheSameSeqsAfterTheRestart(LocalStack stack) throws Exception {
        awaitNoMembers();
        ItSupport.CommandResult reprocess = ItSupport.runCommand(env, "reprocess");

        assertThat(reprocess.exitCode()).as(reprocess.output()).isZero();
        assertThat(reprocess.output()).contains("reset done");
        Map<TopicPartition, Long> committed = committedRawOffsets();
        assertThat(committed).isNotEmpty().isEqualTo(earliestRawOffsets());
        assertThat(internalTopics()).isEmpty();
        assertThat(storeFiles()).isEmpty();

        try (ItSupport.TopicReader<ProcessedMessage> processed = new ItSupport.TopicReader<>(stack, Topics.MESSAGES,
                channels);
             Main.Running again = Main.start(config)) {
            await().atMost(Duration.ofMinutes(2)).until(() -> processed.poll().values().size() >= 2 * firstSeqs.size());
            processed.poll().poll(); // anything beyond the second numbering would show up here

            Map<String, List<Long>> seqsById = processed.values().stream().collect(Collectors.groupingBy(
                    ProcessedMessage::messageId, Collectors.mapping(ProcessedMessage::seq, Collectors.toList())));
            assertThat(seqsById.keySet()).isEqualTo(firstSeqs.keySet());
            seqsById.forEach((id, seqs) -> assertThat(seqs).as("seqs of %s", id)
                    .containsExactly(firstSeqs.get(id), firstSeqs.get(id)));
        }
    }

    @Test
    void reprocessRefusesWhileTheProcessorRuns() throws Exception {
        awaitNoMembers();
        try (Main.Running running = Main.start(config)) {
            await().atMost(Duration.ofMinutes(1)).until(() -> !members().isEmpty());
            Map<TopicPartition, Long> committed = committedRawOffsets();
            Set<String> internal = internalTopics();

            ItSupport.CommandResult reprocess = ItSupport.runCommand(env, "reprocess");

            assertThat(reprocess.exitCode()).as(reprocess.output()).isEqualTo(1);
            assertThat(reprocess.output()).contains("refusing to reprocess", "'" + APPLICATION_ID + "' is active",
                    "Stop every stream processor first", "Nothing was changed");
            assertThat(committedRawOffsets()).isEqualTo(committed);
            assertThat(internalTopics()).isEqualTo(internal).isNotEmpty();
        }
    }

    @Test
    void dryRunOfReprocessPrintsThePlanAndChangesNothing() throws Exception {
        awaitNoMembers();
        Map<TopicPartition, Long> committed = committedRawOffsets();
        Set<String> internal = internalTopics();
        Map<Path, String> state = stateDirectory();

        ItSupport.CommandResult reprocess = ItSupport.runCommand(env, "reprocess", "--dry-run");

        assertThat(reprocess.exitCode()).as(reprocess.output()).isZero();
        assertThat(reprocess.output()).contains("reprocess of the Kafka Streams application '" + APPLICATION_ID + "'",
                "not running", "input offsets of chat.messages.raw go back to the start", "internal topics to delete:",
                "local state to clear: ", "dry run: nothing was changed");
        internal.forEach(topic -> assertThat(reprocess.output()).contains(topic));
        assertThat(committedRawOffsets()).isEqualTo(committed);
        assertThat(internalTopics()).isEqualTo(internal);
        assertThat(stateDirectory()).isEqualTo(state);
    }

    private static void awaitNoMembers() {
        await().atMost(Duration.ofMinutes(1)).until(() -> members().isEmpty());
    }

    private static List<?> members() throws Exception {
        return List.copyOf(admin.describeConsumerGroups(List.of(APPLICATION_ID)).describedGroups().get(APPLICATION_ID)
                .get().members());
    }

    private static Map<TopicPartition, Long> committedRawOffsets() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(APPLICATION_ID)
                .partitionsToOffsetAndMetadata().get();
        return all.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.RAW_MESSAGES.name()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Map<TopicPartition, Long> earliestRawOffsets() throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.RAW_MESSAGES.name())).allTopicNames().get()
                .get(Topics.RAW_MESSAGES.name()).partitions().size();
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            query.put(new TopicPartition(Topics.RAW_MESSAGES.name(), p), OffsetSpec.earliest());
        }
        return admin.listOffsets(query).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static Set<String> internalTopics() throws Exception {
        return admin.listTopics().names().get().stream().filter(t -> t.startsWith(APPLICATION_ID + "-"))
                .collect(Collectors.toSet());
    }

    /** Every file of the application's state directory, with its size and modification time. */
    private static Map<Path, String> stateDirectory() throws IOException {
        Path dir = dataDir.resolve("streams").resolve(APPLICATION_ID);
        assertThat(dir).isDirectory();
        try (Stream<Path> files = Files.walk(dir)) {
            Map<Path, String> state = new TreeMap<>();
            for (Path f : files.toList()) {
                state.put(dir.relativize(f), Files.isDirectory(f) ? "dir"
                        : Files.size(f) + " bytes, modified " + Files.getLastModifiedTime(f));
            }
            return state;
        }
    }

    /** Files of the application's state stores (task directories, the global store) that remain. */
    private static List<Path> storeFiles() throws IOException {
        Path dir = dataDir.resolve("streams").resolve(APPLICATION_ID);
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(dir)).toList();
        }
    }
}
