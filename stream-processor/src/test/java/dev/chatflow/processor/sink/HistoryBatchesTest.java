package dev.chatflow.processor.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.history.MessageHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryBatchesTest {

    private static final UserRef ALICE = new UserRef("u-alice", "alice");
    private static final Instant T = Instant.parse("2026-12-03T12:00:00Z");

    private static ProcessedMessage message(String channel, long seq, String text) {
        return ProcessedMessage.of(channel, seq, "m-" + seq, "c-" + seq, ALICE, text, List.of(), null, null, T, T);
    }

    @Test
    void eachBatchHoldsOnePartitionInSeqOrder() {
        List<ProcessedMessage> interleaved = new ArrayList<>();
        for (long seq = 1; seq <= 5; seq++) {
            interleaved.add(message("a", seq, "x"));
            interleaved.add(message("b", seq, "x"));
        }
        interleaved.add(message("a", MessageHistory.BUCKET_SIZE + 1, "next bucket"));

        List<List<ProcessedMessage>> batches = HistoryBatches.split(interleaved, 50, 40_000);

        assertThat(batches).hasSize(3);
        assertThat(batches).allSatisfy(batch -> assertThat(batch.stream()
                .map(m -> m.channelId() + "/" + MessageHistory.bucket(m.seq())).distinct()).hasSize(1));
        assertThat(batches.get(0)).extracting(ProcessedMessage::seq).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(interleaved.size());
    }

    @Test
    void batchesStayWithinTheRowAndSizeLimits() {
        List<ProcessedMessage> small = new ArrayList<>();
        List<ProcessedMessage> large = new ArrayList<>();
        for (long seq = 1; seq <= 120; seq++) {
            small.add(message("small", seq, "hi"));
            large.add(message("large", seq, "é".repeat(4000)));
        }

        assertThat(HistoryBatches.split(small, 50, 40_000)).extracting(List::size).containsExactly(50, 50, 20);
        List<List<ProcessedMessage>> largeBatches = HistoryBatches.split(large, 50, 40_000);
        assertThat(largeBatches).allSatisfy(batch -> assertThat(batch.stream()
                .mapToLong(HistoryBatches::estimatedBytes).sum()).isLessThanOrEqualTo(40_000));
        assertThat(largeBatches.stream().mapToInt(List::size).sum()).isEqualTo(120);
    }

    @Test
    void aSingleMessageOverTheSizeLimitStillGetsABatchOfItsOwn() {
        List<List<ProcessedMessage>> batches = HistoryBatches.split(List.of(message("c", 1, "x".repeat(4000)),
                message("c", 2, "y")), 50, 1_000);

        assertThat(batches).extracting(List::size).containsExactly(1, 1);
    }
}
