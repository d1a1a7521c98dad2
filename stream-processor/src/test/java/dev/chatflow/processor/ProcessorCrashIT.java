package dev.chatflow.processor;

import static dev.chatflow.processor.ItSupport.channel;
import static dev.chatflow.processor.ItSupport.raw;
import static dev.chatflow.processor.ItSupport.sendAcked;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor in its own JVM, killed with SIGKILL while messages stream in (no clean shutdown, no
 * commit, an open transaction), then started again on the same state directory.
 */
@ExtendWith(LocalStackExtension.class)
class ProcessorCrashIT {

    private static final List<UserRef> SENDERS = List.of(new UserRef("u-dave-it", "dave"), new UserRef("u-erin-it", "erin"));

    @TempDir
    Path dataDir;

    @Test
    void killedProcessorRestartsWithoutGapOrDuplicateSeq(LocalStack stack) throws Exception {
        List<String> channels = List.of(channel("crash-a"), channel("crash-b"), channel("crash-c"));
        int port = ItSupport.freePort();
        Map<String, String> env = ItSupport.environment(ItSupport.processorEnvironmentKeys(stack, dataDir.resolve("data"),
                port));

        Map<String, List<String>> distinctSent = new ConcurrentHashMap<>();
        channels.forEach(c -> distinctSent.put(c, Collections.synchronizedList(new ArrayList<>())));
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();

        try (ItSupport.TopicReader<ProcessedMessage> processed = new ItSupport.TopicReader<>(stack, Topics.MESSAGES, channels)) {
            ChildProcess first = startProcessor(env, port, "first");
            Thread producer = new Thread(() -> produce(stack, channels, distinctSent, producing, sent), "it-producer");
            producer.start();
            try {
                // mid-stream: the processor has numbered some messages while more keep coming
                await().atMost(Duration.ofMinutes(2)).until(() -> processed.poll().values().size() >= 300);
                first.kill();
                int sentAtKill = sent.get();

                ChildProcess second = startProcessor(env, port, "second");
                try {
                    await().atMost(Duration.ofMinutes(1)).until(() -> sent.get() >= sentAtKill + 500);
                    producing.set(false);
                    producer.join();
                    int expected = distinctSent.values().stream().mapToInt(List::size).sum();
                    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                            .until(() -> processed.poll().values().size() >= expected);
                    // nothing more arrives than what was sent once (a duplicate would add records)
                    processed.poll().poll();

                    Map<String, List<ProcessedMessage>> byChannel = processed.byChannel();
                    for (String channel : channels) {
                        List<ProcessedMessage> messages = byChannel.get(channel);
                        assertThat(messages).extracting(ProcessedMessage::seq).as("seqs of %s", channel)
                                .containsExactlyElementsOf(LongStream.rangeClosed(1, distinctSent.get(channel).size())
                                        .boxed().toList());
                        assertThat(messages).extracting(ProcessedMessage::clientMsgId).as("order of %s", channel)
                                .containsExactlyElementsOf(distinctSent.get(channel));
                    }
                    try (CqlSession session = ItSupport.cassandra(stack)) {
                        HistoryStore history = ItSupport.history(session);
                        for (String channel : channels) {
                            await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                                    assertThat(history.after(channel, 0, 100_000)).extracting(ProcessedMessage::messageId)
                                            .containsExactlyElementsOf(byChannel.get(channel).stream()
                                                    .map(ProcessedMessage::messageId).toList()));
                        }
                    }
                } finally {
                    second.close();
                }
            } finally {
                producing.set(false);
                producer.join();
                first.close();
            }
        }
    }

    /**
     * Sends acked messages round-robin over the channels until told to stop; every fifth is a re-send
     * of an earlier clientMsgId of the same sender and channel, which must not be numbered again.
     */
    private static void produce(LocalStack stack, List<String> channels, Map<String, List<String>> distinctSent,
                                AtomicBoolean producing, AtomicInteger sent) {
        try (KafkaProducer<String, RawMessage> producer = ItSupport.rawProducer(stack)) {
            for (int i = 0; producing.get(); i++) {
                String channel = channels.get(i % channels.size());
                UserRef sender = SENDERS.get((i / channels.size()) % SENDERS.size());
                String clientMsgId;
                if (i % 5 == 4 && i >= 30) {
                    clientMsgId = "cm-" + (i - 2 * channels.size() * SENDERS.size()); // same channel and sender
                } else {
                    clientMsgId = "cm-" + i;
                    distinctSent.get(channel).add(clientMsgId);
                }
                sendAcked(producer, raw(channel, sender, clientMsgId, "message " + i));
                sent.incrementAndGet();
            }
        }
    }

    private static ChildProcess startProcessor(Map<String, String> env, int port, String name) {
        ChildProcess process = ChildProcess.start(new ChildProcess.Spec("stream-processor-" + name,
                ItSupport.runtimeClasspath(), Main.class.getName(), List.of("-Xmx512m"), List.of(), env,
                Path.of("target").resolve("crash-it").resolve("processor-" + name + ".log").toAbsolutePath()));
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the processor exited: " + process.logTail(40));
            }
            try {
                return ItSupport.get(port, "/health").statusCode() == 200;
            } catch (UncheckedIOException notYet) {
                return false;
            }
        });
        return process;
    }
}
