package dev.chatflow.processor.sink;

import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists {@code chat.messages} into the Cassandra history. One thread owns a consumer of its own group
 * (read_committed: only what the topology committed) and loops: poll, write the records through
 * {@link HistoryStore#writeAll} in small per-partition batches with several in flight, and commit the
 * offsets only once every row is written. Writes are upserts keyed by seq, so writing a record again
 * after a crash or a retry leaves one row.
 *
 * <p>When a write fails (Cassandra down, a timeout) the sink rewinds to the first unwritten record of
 * each partition, pauses consumption for a backoff (doubling up to a cap, the consumer keeps its group
 * membership meanwhile) and tries again: it skips nothing and catches up by itself once Cassandra
 * answers. Only a record that is not a message at all is skipped, loudly.
 */
public final class CassandraSink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CassandraSink.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration LAG_INTERVAL = Duration.ofSeconds(1);

    private final KafkaConsumer<String, byte[]> consumer;
    private final HistoryWriter writer;
    private final SinkConfig config;
    private final SinkStatus status;
    private final Backoff backoff;
    private final Deserializer<ProcessedMessage> deserializer = Topics.MESSAGES.valueSerde().deserializer();
    private final Thread thread;
    private volatile boolean running = true;
    private long lagMeasuredAt;

    /**
     * @param clientProps bootstrap servers and client id ({@code KafkaClients.base}); the sink adds the rest
     */
    public CassandraSink(Properties clientProps, HistoryStore history, SinkConfig config, SinkStatus status) {
        this.writer = HistoryWriter.of(history, config);
        this.config = config;
        this.status = status;
        this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
        this.consumer = new KafkaConsumer<>(consumerProps(clientProps, config), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "cassandra-sink");
    }

    static Properties consumerProps(Properties clientProps, SinkConfig config) {
        Properties props = new Properties();
        props.putAll(clientProps);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        return props;
    }

    /** Starts the sink's thread. */
    public CassandraSink start() {
        thread.start();
        return this;
    }

    public SinkStatus status() {
        return status;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.MESSAGES.name()), new LoggingRebalanceListener());
            log.info("Cassandra sink consuming {} as group {}", Topics.MESSAGES.name(), config.groupId());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (!records.isEmpty()) {
                    persist(records);
                } else if (status.state() == SinkStatus.State.STARTING) {
                    status.running();
                }
                measureLag();
            }
        } catch (WakeupException closing) {
            if (running) {
                status.stopped("woken up unexpectedly");
                throw closing;
            }
        } catch (RuntimeException e) {
            log.error("Cassandra sink stopped: {}", e.toString(), e);
            status.stopped(e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
            if (status.state() != SinkStatus.State.STOPPED) {
                status.stopped("closed");
            }
        }
    }

    /** Writes one poll's records and commits their offsets, or rewinds and backs off. */
    private void persist(ConsumerRecords<String, byte[]> records) {
        List<ProcessedMessage> messages = decode(records);
        try {
            writer.write(messages);
        } catch (HistoryWriter.WriteFailedException e) {
            Duration pause = backoff.next();
            log.warn("writing {} messages to Cassandra failed ({}); nothing is skipped, retrying in {} ms",
                    messages.size(), e.getMessage(), pause.toMillis());
            status.retrying(e.getMessage());
            rewind(records);
            pause(pause);
            return;
        }
        if (status.state() == SinkStatus.State.RETRYING) {
            log.info("Cassandra writes succeed again; catching up");
        }
        backoff.reset();
        status.wrote(messages.size());
        status.running();
        commit(records);
    }

    private List<ProcessedMessage> decode(ConsumerRecords<String, byte[]> records) {
        List<ProcessedMessage> messages = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> r : records) {
            try {
                ProcessedMessage m = deserializer.deserialize(r.topic(), r.headers(), r.value());
                if (m != null) {
                    messages.add(m);
                }
            } catch (EventDecodingException e) {
                status.skippedOne();
                log.error("skipping {}-{}@{}: not a processed message and never will be ({}: {})", r.topic(),
                        r.partition(), r.offset(), e.reason().code(), e.detail());
            }
        }
        return messages;
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> of = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(of.get(of.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved on: their new owner starts from the last commit and rewrites (idempotently)
            log.info("offsets not committed, the group is rebalancing: {}", e.getMessage());
        }
    }

    /** Makes the next poll return {@code records} again. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition tp : records.partitions()) {
            if (assigned.contains(tp)) {
                consumer.seek(tp, records.records(tp).get(0).offset());
            }
        }
    }

    /** Consumes nothing for {@code pause}, while still taking part in the group. */
    private void pause(Duration pause) {
        long deadline = System.nanoTime() + pause.toNanos();
        consumer.pause(consumer.assignment());
        while (running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            ConsumerRecords<String, byte[]> unexpected = consumer.poll(Duration.ofNanos(Math.min(left,
                    POLL_TIMEOUT.toNanos())));
            if (!unexpected.isEmpty()) {
                // partitions assigned during the pause are not paused yet
                rewind(unexpected);
                consumer.pause(unexpected.partitions());
            }
            measureLag();
        }
        consumer.resume(consumer.paused());
    }

    private void measureLag() {
        long now = System.nanoTime();
        if (now - lagMeasuredAt < LAG_INTERVAL.toNanos()) {
            return;
        }
        lagMeasuredAt = now;
        Set<TopicPartition> assigned = consumer.assignment();
        if (assigned.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, Duration.ofSeconds(2));
            long lag = 0;
            for (TopicPartition tp : assigned) {
                lag += Math.max(0, ends.getOrDefault(tp, 0L) - consumer.position(tp, Duration.ofSeconds(2)));
            }
            status.lag(lag);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            log.debug("sink lag unknown for now: {}", e.getMessage());
        }
    }

    /** Stops consuming; what was polled but not yet committed is read again by the next owner. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class LoggingRebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("sink assigned {}", partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("sink revoked {}", partitions);
            }
        }
    }
}
