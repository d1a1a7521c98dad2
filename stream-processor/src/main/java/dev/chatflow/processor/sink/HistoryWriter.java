package dev.chatflow.processor.sink;

import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.schemas.events.ProcessedMessage;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes messages into the history through {@link HistoryStore#writeAll}: split into per-partition
 * batches ({@link HistoryBatches}), a bounded number in flight, all within a deadline. The Cassandra
 * sink and the replay command write through it. Writes are upserts keyed by seq, so a retried or
 * repeated write leaves one row per message.
 */
public final class HistoryWriter {

    private final HistoryStore history;
    private final int rowsPerBatch;
    private final int bytesPerBatch;
    private final int batchesInFlight;
    private final Duration timeout;

    public HistoryWriter(HistoryStore history, int rowsPerBatch, int bytesPerBatch, int batchesInFlight,
                         Duration timeout) {
        this.history = history;
        this.rowsPerBatch = rowsPerBatch;
        this.bytesPerBatch = bytesPerBatch;
        this.batchesInFlight = batchesInFlight;
        this.timeout = timeout;
    }

    /** With the sink's batch sizes, concurrency and write timeout. */
    public static HistoryWriter of(HistoryStore history, SinkConfig config) {
        return new HistoryWriter(history, config.rowsPerBatch(), config.bytesPerBatch(), config.batchesInFlight(),
                config.writeTimeout());
    }

    /** Writes all {@code messages}; returns when every row is written. */
    public void write(List<ProcessedMessage> messages) throws WriteFailedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();
        for (List<ProcessedMessage> batch : HistoryBatches.split(messages, rowsPerBatch, bytesPerBatch)) {
            if (inFlight.size() >= batchesInFlight) {
                await(inFlight.removeFirst(), deadline);
            }
            CompletableFuture<Void> write;
            try {
                write = history.writeAll(batch).toCompletableFuture();
            } catch (RuntimeException e) {
                throw new WriteFailedException(e.toString(), e);
            }
            inFlight.addLast(write);
        }
        while (!inFlight.isEmpty()) {
            await(inFlight.removeFirst(), deadline);
        }
    }

    private static void await(CompletableFuture<Void> write, long deadline) throws WriteFailedException {
        try {
            write.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new WriteFailedException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new WriteFailedException("the writes did not complete in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriteFailedException("interrupted", e);
        }
    }

    /** Writes that did not all complete; some rows may be written, and writing them again is harmless. */
    public static final class WriteFailedException extends Exception {
        private static final long serialVersionUID = 1L;

        WriteFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
