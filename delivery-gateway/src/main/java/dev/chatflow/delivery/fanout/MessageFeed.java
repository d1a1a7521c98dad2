package dev.chatflow.delivery.fanout;

import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.topics.Topic;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one reader of {@code chat.messages} (read_committed): a thread that polls every partition
 * and hands each message to the {@link ChannelHub}, which fans it out in memory to all sockets. It joins no
 * consumer group — it assigns itself all partitions — so every gateway process reads every message,
 * whatever other gateways run beside it. At start it reads back {@code warmupRecords} per partition to
 * fill the recent windows, and tells the hub once it has read up to where the topic ended at start-up.
 *
 * <p>With a monitoring group it commits its position under that group every few seconds, so operators see
 * each gateway's lag where they see every other consumer's (kafka-ui); the committed offsets are never
 * read back — where the feed reads is decided at start-up as described above.
 */
public final class MessageFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MessageFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, ProcessedMessage> topic;
    private final ChannelHub hub;
    private final DeliveryMetrics metrics;
    private final int warmupRecords;
    private final Thread thread;
    private final boolean commitForMonitoring;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param kafka           base client properties (bootstrap servers, client id)
     * @param monitoringGroup group to commit the read position under for lag monitoring, or empty
     */
    public MessageFeed(Properties kafka, Topic<String, ProcessedMessage> topic, ChannelHub hub, DeliveryMetrics metrics,
                       int warmupRecords, Optional<String> monitoringGroup) {
        Properties props = new Properties();
        props.putAll(kafka);
        monitoringGroup.ifPresent(group -> props.put(ConsumerConfig.GROUP_ID_CONFIG, group));
        this.commitForMonitoring = monitoringGroup.isPresent();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.hub = hub;
        this.metrics = metrics;
        this.warmupRecords = warmupRecords;
        this.thread = new Thread(this::run, "delivery-feed");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Null while the feed runs; the error that stopped it otherwise. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            Map<TopicPartition, Long> startEnds = assignAll();
            boolean caughtUp = startEnds.isEmpty();
            if (caughtUp) {
                hub.feedCaughtUp();
            }
            long lastLagUpdate = 0;
            long lastCommit = System.nanoTime();
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                for (ConsumerRecord<String, byte[]> record : records) {
                    publish(record);
                }
                if (!caughtUp && startEnds.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("read chat.messages up to its end at start-up; resumes are served");
                    hub.feedCaughtUp();
                }
                if (System.nanoTime() - lastLagUpdate > 1_000_000_000L) {
                    lastLagUpdate = System.nanoTime();
                    updateLag();
                }
                if (commitForMonitoring && System.nanoTime() - lastCommit > COMMIT_EVERY_NANOS) {
                    lastCommit = System.nanoTime();
                    consumer.commitAsync((offsets, error) -> {
                        if (error != null) {
                            log.debug("committing the monitoring position failed: {}", error.toString());
                        }
                    });
                }
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            failure = e;
            log.error("the chat.messages feed stopped; this gateway pushes nothing until restarted", e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    /** The monitoring group a {@code delivery.monitoring.group} setting names: auto, none, or a group id. */
    public static Optional<String> monitoringGroup(String setting) {
        if (setting.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        if (!setting.equalsIgnoreCase("auto")) {
            return Optional.of(setting);
        }
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return Optional.of("chatflow-delivery-" + host);
    }

    private Map<TopicPartition, Long> assignAll() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic.name() + " has no partitions; was it provisioned?");
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(all);
        Map<TopicPartition, Long> ends = consumer.endOffsets(all, Duration.ofSeconds(30));
        Map<TopicPartition, Long> begins = consumer.beginningOffsets(all, Duration.ofSeconds(30));
        Map<TopicPartition, Long> pending = new HashMap<>();
        for (TopicPartition tp : all) {
            long start = Math.max(begins.get(tp), ends.get(tp) - warmupRecords);
            consumer.seek(tp, start);
            if (ends.get(tp) > start) {
                pending.put(tp, ends.get(tp));
            }
        }
        log.info("reading all {} partitions of {} (warm-up: up to {} records each)", all.size(), topic.name(),
                warmupRecords);
        return pending;
    }

    private void publish(ConsumerRecord<String, byte[]> record) {
        ProcessedMessage message;
        try {
            message = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        } catch (EventDecodingException e) {
            metrics.recordsSkipped.increment();
            log.warn("skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.detail());
            return;
        }
        if (message != null) {
            hub.publish(message);
        }
    }

    private void updateLag() {
        long lag = 0;
        for (TopicPartition tp : consumer.assignment()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        metrics.consumerLag.set(lag);
    }

    /** Stops the reader thread (waiting up to 10 s) and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
