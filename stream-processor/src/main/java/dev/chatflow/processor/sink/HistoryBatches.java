package dev.chatflow.processor.sink;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.history.MessageHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a poll's messages into the lists handed to {@code HistoryStore.writeAll}. Each list holds
 * messages of one Cassandra partition (channel and seq bucket) only, so each becomes one unlogged batch
 * plus one bucket marker: two requests, which keeps the requests in flight proportional to the lists in
 * flight. A list holds at most {@code maxRows} messages and about {@code maxBytes} of data, so no batch
 * comes near Cassandra's {@code batch_size_fail_threshold} (50 KiB by default) even when every text is
 * 4000 characters long. Order within a partition is kept.
 */
final class HistoryBatches {

    /** Columns other than the texts: ids, timestamps, seqs, user refs, per-row overhead. */
    private static final int FIXED_ROW_BYTES = 256;

    private HistoryBatches() {
    }

    static List<List<ProcessedMessage>> split(List<ProcessedMessage> messages, int maxRows, int maxBytes) {
        Map<String, List<ProcessedMessage>> byPartition = new LinkedHashMap<>();
        for (ProcessedMessage m : messages) {
            byPartition.computeIfAbsent(m.channelId() + "/" + MessageHistory.bucket(m.seq()), p -> new ArrayList<>())
                    .add(m);
        }
        List<List<ProcessedMessage>> batches = new ArrayList<>();
        for (List<ProcessedMessage> partition : byPartition.values()) {
            List<ProcessedMessage> current = new ArrayList<>();
            long bytes = 0;
            for (ProcessedMessage m : partition) {
                long size = estimatedBytes(m);
                if (!current.isEmpty() && (current.size() >= maxRows || bytes + size > maxBytes)) {
                    batches.add(current);
                    current = new ArrayList<>();
                    bytes = 0;
                }
                current.add(m);
                bytes += size;
            }
            batches.add(current);
        }
        return batches;
    }

    /** An upper bound of a row's size: UTF-8 needs at most 3 bytes per UTF-16 char. */
    static long estimatedBytes(ProcessedMessage m) {
        long chars = m.text().length() + (m.reply() == null ? 0 : m.reply().preview().length());
        for (UserRef mention : m.mentions()) {
            chars += mention.id().length() + mention.username().length();
        }
        return FIXED_ROW_BYTES + 3 * chars;
    }
}
