package dev.chatflow.processor;

import static dev.chatflow.processor.ItSupport.channel;
import static dev.chatflow.processor.ItSupport.sendAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.history.MessageHistory;
import dev.chatflow.schemas.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code replay} as {@code ./chatflow replay} runs it (its own JVM on the runtime classpath) against the
 * history of messages the processor numbered: the processor is stopped, the Cassandra history wiped, and
 * the replay alone has to bring it back.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayIT {

    private static final UserRef CAROL = new UserRef("u-carol-it", "carol");
    private static final UserRef DAN = new UserRef("u-dan-it", "dan");
    private static final String SINK_GROUP = ProcessorSettings.SINK_GROUP_ID.defaultValue();

    @TempDir
    static Path dataDir;
    private static Map<String, String> env;
    private static CqlSession session;
    private static HistoryStore history;
    private static Admin admin;
    private static final List<String> channels = List.of(channel("replay-a"), channel("replay-b"), channel("replay-c"));
    /** What the sink had written before any wipe, per channel, oldest first. */
    private static final Map<String, List<ProcessedMessage>> stored = new LinkedHashMap<>();
    /** What chat.messages holds for the channels. */
    private static Map<String, List<ProcessedMessage>> onTopic;
    private static Instant beforeFirst;
    /** Between the first and the second half of each channel's messages. */
    private static Instant half;
    private static int firstHalf;

    @BeforeAll
    static void numberAndStoreMessages(LocalStack stack) {
        Config config = ItSupport.processorConfig(stack, dataDir, Map.of());
        env = ItSupport.environment(ItSupport.processorEnvironmentKeys(stack, dataDir, ItSupport.freePort()));
        session = ItSupport.cassandra(stack);
        history = ItSupport.history(session);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));

        beforeFirst = Instant.now();
        try (Main.Running processor = Main.start(config);
             KafkaProducer<String, RawMessage> producer = ItSupport.rawProducer(stack);
             ItSupport.TopicReader<ProcessedMessage> processed = new ItSupport.TopicReader<>(stack, Topics.MESSAGES,
                     channels)) {
            firstHalf = send(producer, 0, 10);
            half = nextMillisecond();
            int total = firstHalf + send(producer, 10, 20);

            await().atMost(Duration.ofMinutes(2)).until(() -> processed.poll().values().size() >= total);
            onTopic = processed.byChannel();
            for (String channel : channels) {
                List<Long> seqs = LongStream.rangeClosed(1, onTopic.get(channel).size()).boxed().toList();
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                        assertThat(ItSupport.storedSeqs(history, channel)).isEqualTo(seqs));
                stored.put(channel, history.after(channel, 0, 1000));
            }
        }
    }

    /** Sends messages {@code from} to {@code to} - 1 round-robin over the channels; returns how many. */
    private static int send(KafkaProducer<String, RawMessage> producer, int from, int to) {
        for (int i = from; i < to; i++) {
            String channel = channels.get(i % channels.size());
            RawMessage raw = ItSupport.raw(channel, i % 2 == 0 ? CAROL : DAN, "cm-" + i, "replayed message " + i);
            if (i >= channels.size()) {
                // a reply to the channel's first message, so that replies are replayed too
                raw = RawMessage.of(raw.messageId(), channel, raw.sender(), raw.clientMsgId(), raw.text(), 1L,
                        raw.receivedAt());
            }
            sendAcked(producer, raw);
        }
        return to - from;
    }

    /** A time strictly after every record sent so far, and strictly before any sent after it returns. */
    private static Instant nextMillisecond() {
        long now = System.currentTimeMillis();
        await().pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() > now);
        Instant mark = Instant.ofEpochMilli(now + 1);
        await().pollInterval(Duration.ofMillis(1)).until(() -> System.currentTimeMillis() > mark.toEpochMilli());
        return mark;
    }

    @AfterAll
    static void close() {
        admin.close();
        session.close();
    }

    @BeforeEach
    void wipeTheHistory() {
        for (String table : List.of(MessageHistory.MESSAGES, MessageHistory.CHANNEL_BUCKETS)) {
            session.execute(SimpleStatement.newInstance("TRUNCATE chatflow." + table).setTimeout(Duration.ofSeconds(60)));
        }
        channels.forEach(channel -> assertThat(history.after(channel, 0, 1000)).isEmpty());
    }

    @Test
    void replayAfterTheHistoryWasWipedBringsEveryMessageBackOnce() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> sinkOffsets = sinkOffsets();
        Set<String> groups = groups();

        ItSupport.CommandResult replay = ItSupport.runCommand(env, "replay", "--from", beforeFirst.toString());

        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("replaying chat.messages", "replay done:");
        for (String channel : channels) {
            List<ProcessedMessage> back = history.after(channel, 0, 1000);
            assertThat(back).as(channel).isEqualTo(stored.get(channel));
            assertThat(back).extracting(ProcessedMessage::seq).as(channel)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, back.size()).boxed().toList());
            assertThat(back).extracting(ProcessedMessage::messageId).as(channel)
                    .containsExactlyElementsOf(onTopic.get(channel).stream().map(ProcessedMessage::messageId).toList());
        }
        // no group joined, and the sink's group did not move
        assertThat(groups()).isEqualTo(groups);
        assertThat(sinkOffsets()).isEqualTo(sinkOffsets);
    }

    @Test
    void replayingTwiceLeavesOneRowPerMessage() {
        for (int run = 0; run < 2; run++) {
            ItSupport.CommandResult replay = ItSupport.runCommand(env, "replay", "--from", beforeFirst.toString(),
                    "--channel", channels.get(0));
            assertThat(replay.exitCode()).as(replay.output()).isZero();
        }
        assertThat(history.after(channels.get(0), 0, 1000)).isEqualTo(stored.get(channels.get(0)));
    }

    @Test
    void replayOfOneChannelWritesThatChannelOnly() {
        String only = channels.get(1);
        ItSupport.CommandResult replay = ItSupport.runCommand(env, "replay", "--from", beforeFirst.toString(),
                "--channel", only);

        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("channel: " + only + " (partition ");
        assertThat(history.after(only, 0, 1000)).isEqualTo(stored.get(only));
        assertThat(history.after(channels.get(0), 0, 1000)).isEmpty();
        assertThat(history.after(channels.get(2), 0, 1000)).isEmpty();
    }

    @Test
    void replayWithToStopsBeforeTheFirstRecordAtThatTime() {
        ItSupport.CommandResult replay = ItSupport.runCommand(env, "replay", "--from", beforeFirst.toString(),
                "--to", half.toString());

        assertThat(replay.exitCode()).as(replay.output()).isZero();
        List<ProcessedMessage> written = new ArrayList<>();
        channels.forEach(channel -> written.addAll(history.after(channel, 0, 1000)));
        assertThat(written).hasSize(firstHalf).allSatisfy(m -> assertThat(m.text())
                .matches("replayed message [0-9]"));
    }

    @Test
    void dryRunOfReplayCountsWhatItWouldWriteAndWritesNothing() {
        String channel = channels.get(2);
        ItSupport.CommandResult replay = ItSupport.runCommand(env, "replay", "--from", beforeFirst.toString(),
                "--channel", channel, "--dry-run");

        assertThat(replay.exitCode()).as(replay.output()).isZero();
        assertThat(replay.output()).contains("dry run (reads and counts, writes nothing)",
                stored.get(channel).size() + " messages would be written", "nothing was written");
        channels.forEach(c -> assertThat(history.after(c, 0, 1000)).as(c).isEmpty());
    }

    private static Map<TopicPartition, OffsetAndMetadata> sinkOffsets() throws Exception {
        return admin.listConsumerGroupOffsets(SINK_GROUP).partitionsToOffsetAndMetadata().get();
    }

    private static Set<String> groups() throws Exception {
        return Set.copyOf(admin.listGroups().all().get().stream().map(GroupListing::groupId).toList());
    }
}
