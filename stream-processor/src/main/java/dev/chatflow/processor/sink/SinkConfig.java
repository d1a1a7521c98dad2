package dev.chatflow.processor.sink;

import java.time.Duration;
import java.util.Objects;

/**
 * How the Cassandra sink consumes and writes.
 *
 * @param groupId          its consumer group over {@code chat.messages}
 * @param maxPollRecords   records fetched per poll: the most written between two offset commits
 * @param rowsPerBatch     rows per Cassandra batch (each batch holds rows of one partition)
 * @param bytesPerBatch    rough size limit of a batch, kept below Cassandra's batch_size_fail_threshold
 * @param batchesInFlight  batches written concurrently
 * @param writeTimeout     how long one poll's writes may take before they count as failed
 * @param initialBackoff   first pause after a failed write
 * @param maxBackoff       longest pause between retries
 */
public record SinkConfig(String groupId, int maxPollRecords, int rowsPerBatch, int bytesPerBatch, int batchesInFlight,
                         Duration writeTimeout, Duration initialBackoff, Duration maxBackoff) {

    public SinkConfig {
        Objects.requireNonNull(groupId, "groupId");
        requirePositive(maxPollRecords, "maxPollRecords");
        requirePositive(rowsPerBatch, "rowsPerBatch");
        requirePositive(bytesPerBatch, "bytesPerBatch");
        requirePositive(batchesInFlight, "batchesInFlight");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("the longest backoff " + maxBackoff + " is shorter than the first "
                    + initialBackoff);
        }
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more, not " + value);
        }
    }
}
