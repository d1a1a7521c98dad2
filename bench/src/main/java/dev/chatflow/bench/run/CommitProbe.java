package dev.chatflow.bench.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.HdrHistogram.Recorder;

/**
 * Reads {@code chat.messages} during a run the way the delivery gateway does (one consumer,
 * {@code read_committed}, short fetch waits) to split the pipeline's latency further: how long the
 * processor took to number a message after ingest accepted it ({@code sentAt → processedAt}), and how
 * long it then stayed invisible to consumers until the processor's transaction committed
 * ({@code processedAt →} this consumer got it). Both timestamps are in every processed message.
 */
final class CommitProbe implements AutoCloseable {

    private final RunState state;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch positioned = new CountDownLatch(1);
    private final Recorder processing = new Recorder(3);
    private final Recorder visible = new Recorder(3);
    private volatile boolean running = true;

    private CommitProbe(String bootstrapServers, RunState state) {
        this.state = state;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "chatflow-bench-probe");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "bench-commit-probe");
        this.thread.setDaemon(true);
    }

    /** Starts reading at the end of chat.messages; returns once the positions are fixed. */
    static CommitProbe start(String bootstrapServers, RunState state) throws InterruptedException {
        CommitProbe probe = new CommitProbe(bootstrapServers, state);
        probe.thread.start();
        if (!probe.positioned.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the commit probe could not reach " + Topics.MESSAGES.name() + " in 30 s");
        }
        return probe;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MESSAGES.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the run sends anything
            positioned.countDown();
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = Stages.epochMicros(Instant.now());
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    observe(record.value(), now);
                }
            }
        } catch (org.apache.kafka.common.errors.WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void observe(byte[] value, long nowMicros) {
        try {
            JsonNode message = Json.mapper().readTree(value);
            int index = state.indexOf(message.path("clientMsgId").asText(null));
            if (index < state.warmup) {
                return; // another run's, or the warm-up's
            }
            long sent = Stages.epochMicros(Instant.parse(message.path("sentAt").asText()));
            long processed = Stages.epochMicros(Instant.parse(message.path("processedAt").asText()));
            processing.recordValue(Math.max(0, processed - sent));
            visible.recordValue(Math.max(0, nowMicros - processed));
        } catch (IOException | RuntimeException e) {
            // not a message this probe can read: it only measures, the sockets check correctness
        }
    }

    /** p50/p99 of sentAt → processedAt. */
    RunResult.Split processing() {
        return Stages.split(processing.getIntervalHistogram());
    }

    /** p50/p99 of processedAt → visible to a read_committed consumer. */
    RunResult.Split visible() {
        return Stages.split(visible.getIntervalHistogram());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
