package dev.chatflow.schemas.topics;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Kafka topic of chatflow, typed by its key and value: name, serdes, and the settings the
 * provisioner creates and checks it with. Services and tests read and write a topic only through its
 * {@code Topic}, so they cannot disagree on its name or format.
 *
 * @param partitions number of partitions
 * @param cleanup    delete (time-based retention) or compact (latest value per key)
 * @param retention  how long records are kept; null for compacted topics (kept until superseded)
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions,
                          CleanupPolicy cleanup, Duration retention) {

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(cleanup, "cleanup");
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be 1 or more, not " + partitions);
        }
        if (cleanup == CleanupPolicy.DELETE && (retention == null || retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException(name + ": a delete topic needs a positive retention");
        }
        if (cleanup == CleanupPolicy.COMPACT && retention != null) {
            throw new IllegalArgumentException(name + ": a compacted topic keeps every key's latest value; no retention");
        }
    }

    public Topic<K, V> withPartitions(int count) {
        return new Topic<>(name, keySerde, valueSerde, count, cleanup, retention);
    }

    public Topic<K, V> withRetention(Duration keep) {
        return new Topic<>(name, keySerde, valueSerde, partitions, cleanup, keep);
    }

    @Override
    public String toString() {
        return name;
    }
}
