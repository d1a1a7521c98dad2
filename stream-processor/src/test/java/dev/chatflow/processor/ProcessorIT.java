package dev.chatflow.processor;

import static dev.chatflow.processor.ItSupport.channel;
import static dev.chatflow.processor.ItSupport.raw;
import static dev.chatflow.processor.ItSupport.sendAcked;
import static dev.chatflow.processor.ItSupport.storedSeqs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The processor as Main wires it, in this JVM, on the real Kafka and Cassandra. */
@ExtendWith(LocalStackExtension.class)
class ProcessorIT {

    private static final UserRef ALICE = new UserRef("u-alice-it", "alice");
    private static final UserRef BOB = new UserRef("u-bob-it", "bob");

    @TempDir
    static Path dataDir;
    private static LocalStack stack;
    private static Config config;
    private static Main.Running processor;
    private static KafkaProducer<String, RawMessage> producer;
    private static CqlSession session;
    private static HistoryStore history;

    @BeforeAll
    static void start(LocalStack localStack) {
        stack = localStack;
        config = ItSupport.processorConfig(stack, dataDir, Map.of());
        processor = Main.start(config);
        producer = ItSupport.rawProducer(stack);
        session = ItSupport.cassandra(stack);
        history = ItSupport.history(session);
    }

    @AfterAll
    static void stop() {
        producer.close();
        session.close();
        processor.close();
    }

    @Test
    void rawMessagesEndUpInCassandraOnceWithTheirSeqs() {
        List<String> channels = List.of(channel("general"), channel("random"), channel("dev"));
        List<List<String>> sentTexts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < 60; i++) {
            int c = i % channels.size();
            UserRef sender = i % 2 == 0 ? ALICE : BOB;
            String text = "message " + i + " to @bob";
            sendAcked(producer, raw(channels.get(c), sender, "cm-" + i, text));
            sentTexts.get(c).add(text);
            if (i % 6 == 0) { // a client re-sending: the same clientMsgId again
                sendAcked(producer, raw(channels.get(c), sender, "cm-" + i, text));
            }
        }

        for (int c = 0; c < channels.size(); c++) {
            String channel = channels.get(c);
            List<Long> expected = LongStream.rangeClosed(1, sentTexts.get(c).size()).boxed().toList();
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(storedSeqs(history, channel)).isEqualTo(expected));
            List<ProcessedMessage> stored = history.after(channel, 0, 1000);
            assertThat(stored).extracting(ProcessedMessage::text).containsExactlyElementsOf(sentTexts.get(c));
            assertThat(stored).allSatisfy(m -> assertThat(m.channelId()).isEqualTo(channel));
        }
    }

    @Test
    void badRecordIsRejectedWithItsBytesAndCountedInMetrics() {
        String channel = channel("bad");
        byte[] garbage = "{\"this is\": not json".getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<String, byte[]> bytes = ItSupport.bytesProducer(stack);
             ItSupport.TopicReader<Rejection> rejected = new ItSupport.TopicReader<>(stack, Topics.REJECTED_MESSAGES,
                     List.of(channel))) {
            bytes.send(new ProducerRecord<>(Topics.RAW_MESSAGES.name(), channel, garbage));
            bytes.flush();
            sendAcked(producer, raw(channel, ALICE, "after-garbage", "still processed"));

            await().atMost(Duration.ofMinutes(1)).until(() -> !rejected.poll().values().isEmpty());
            Rejection rejection = rejected.values().get(0);
            assertThat(rejection.reason()).isEqualTo(RejectionReason.MALFORMED_JSON);
            assertThat(rejection.original().valueBytes()).isEqualTo(garbage);
            await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(storedSeqs(history, channel))
                    .containsExactly(1L));
        }
        String metrics = ItSupport.get(port(), "/metrics").body();
        assertThat(metrics).containsPattern("chatflow_processor_rejected_total\\{reason=\"malformed_json\"[^}]*} [1-9]");
        assertThat(metrics).contains("chatflow_sink_lag_records")
                .containsPattern("chatflow_processor_streams_state\\{[^}]*state=\"RUNNING\"[^}]*} 1\\.0");
    }

    @Test
    void healthReportsEveryPartUp() {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            HttpResponse<String> health = ItSupport.get(port(), "/health");
            assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
            assertThat(health.body()).contains("\"streams\"", "\"kafka\"", "\"cassandra\"", "\"cassandra-sink\"");
        });
    }

    private static int port() {
        return config.integer(ProcessorSettings.HTTP_PORT.key());
    }
}
