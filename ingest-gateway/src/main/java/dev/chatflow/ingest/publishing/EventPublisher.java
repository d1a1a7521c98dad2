package dev.chatflow.ingest.publishing;

import dev.chatflow.schemas.topics.Topic;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The gateway's one Kafka producer: idempotent, {@code acks=all}, and bounded in time — a record that
 * Kafka has not acknowledged within the send timeout fails instead of waiting for ever. Records are
 * written through their {@link Topic}'s serdes, so they carry the contracts' headers.
 *
 * <p>{@link #send} may block for up to the send timeout when the producer has no metadata for the topic
 * (the broker is down at the first send) — never call it on an I/O thread.
 */
public final class EventPublisher implements AutoCloseable {

    private static final int LINGER_MS = 5;

    private final Producer<byte[], byte[]> producer;

    public EventPublisher(Properties base, Duration sendTimeout) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // a few ms of batching: under load one produce request carries many messages, which is what
        // the broker's CPU pays for (see README, Performance); the client's ack waits at most this long more
        props.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        long timeoutMs = Math.max(100, sendTimeout.toMillis());
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeoutMs);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs - LINGER_MS);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        // a broker that comes back is found again quickly
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes {@code value} (null: a tombstone) under {@code key}; completes when the broker acknowledged it. */
    public <K, V> CompletableFuture<RecordMetadata> send(Topic<K, V> topic, K key, V value) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            RecordHeaders headers = new RecordHeaders();
            byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), headers, key);
            byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), headers, value);
            producer.send(new ProducerRecord<>(topic.name(), null, keyBytes, valueBytes, headers), (metadata, error) -> {
                if (error == null) {
                    acked.complete(metadata);
                } else {
                    acked.completeExceptionally(error);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /** Kafka client metrics, for the service's registry. */
    public Producer<byte[], byte[]> producer() {
        return producer;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
