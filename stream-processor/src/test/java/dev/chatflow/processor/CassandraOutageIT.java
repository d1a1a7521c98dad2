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
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The sink when Cassandra goes away: it stops, retries, skips nothing and catches up by itself. */
@ExtendWith(LocalStackExtension.class)
class CassandraOutageIT {

    private static final UserRef CAROL = new UserRef("u-carol-it", "carol");
    private static final Pattern WRITE_FAILURES = Pattern.compile("chatflow_sink_write_failures_total\\{[^}]*} ([0-9.E]+)");

    @TempDir
    Path dataDir;

    @Test
    void everythingProducedWhileCassandraIsDownIsStoredAfterItComesBack(LocalStack stack) {
        // short backoffs so that the catch-up does not wait for a long pause to end
        Config config = ItSupport.processorConfig(stack, dataDir, Map.of(
                ProcessorSettings.SINK_RETRY_MAX.key(), "2s", ProcessorSettings.SINK_WRITE_TIMEOUT.key(), "5s"));
        int port = config.integer(ProcessorSettings.HTTP_PORT.key());
        List<String> channels = List.of(channel("outage-a"), channel("outage-b"));
        try (Main.Running processor = Main.start(config);
             KafkaProducer<String, RawMessage> producer = ItSupport.rawProducer(stack);
             ItSupport.TopicReader<ProcessedMessage> processed = new ItSupport.TopicReader<>(stack, Topics.MESSAGES, channels)) {
            send(producer, channels, 0, 5);
            try (CqlSession session = ItSupport.cassandra(stack)) {
                HistoryStore history = ItSupport.history(session);
                await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(storedSeqs(history, channels.get(1)))
                        .hasSize(5));
            }

            stack.stopCassandra();
            try {
                send(producer, channels, 5, 40);
                // the topology goes on without Cassandra ...
                await().atMost(Duration.ofMinutes(2)).until(() -> processed.poll().values().size() >= 2 * 40);
                // ... while the sink fails, says so, and keeps retrying
                await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
                    HttpResponse<String> health = ItSupport.get(port, "/health");
                    assertThat(health.statusCode()).isEqualTo(503);
                    assertThat(health.body()).contains("cassandra-sink");
                    assertThat(writeFailures(ItSupport.get(port, "/metrics").body())).isGreaterThan(0);
                });
            } finally {
                stack.startCassandra();
            }

            try (CqlSession session = ItSupport.cassandra(stack)) {
                HistoryStore history = ItSupport.history(session);
                List<Long> all = LongStream.rangeClosed(1, 40).boxed().toList();
                for (String channel : channels) {
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                            .untilAsserted(() -> assertThat(storedSeqs(history, channel)).isEqualTo(all));
                    assertThat(history.after(channel, 0, 100)).extracting(ProcessedMessage::clientMsgId)
                            .containsExactlyElementsOf(LongStream.range(0, 40).mapToObj(i -> "cm-" + i).toList());
                }
            }
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(ItSupport.get(port, "/health").statusCode()).isEqualTo(200));
        }
    }

    private static void send(KafkaProducer<String, RawMessage> producer, List<String> channels, int from, int to) {
        for (int i = from; i < to; i++) {
            for (String channel : channels) {
                sendAcked(producer, raw(channel, CAROL, "cm-" + i, "during the outage? " + (i >= 5)));
            }
        }
    }

    private static double writeFailures(String metrics) {
        Matcher m = WRITE_FAILURES.matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
