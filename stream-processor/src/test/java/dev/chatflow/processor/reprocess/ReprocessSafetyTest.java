package dev.chatflow.processor.reprocess;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When a reset would break what clients and the history hold, reprocess refuses before changing anything. */
class ReprocessSafetyTest {

    private static final TopicPartition P0 = new TopicPartition("chat.messages.raw", 0);
    private static final TopicPartition P1 = new TopicPartition("chat.messages.raw", 1);

    private static Reprocess.Plan plan(long start0, long start1) {
        return new Reprocess.Plan(List.of(), Map.of(P0, 10L, P1, 10L), Map.of(P0, start0, P1, start1),
                Map.of(P0, 20L, P1, 20L), List.of(), List.of());
    }

    @Test
    void anIntactInputMayBeReprocessed() {
        assertThatCode(() -> Reprocess.refuseUnsafe(plan(0, 0), "chatflow-processor", false)).doesNotThrowAnyException();
    }

    @Test
    void anInputTrimmedByRetentionIsRefusedBecauseSeqsWouldChange() {
        assertThatThrownBy(() -> Reprocess.refuseUnsafe(plan(0, 5), "chatflow-processor", false))
                .isInstanceOf(Reprocess.ReprocessException.class)
                .hasMessageContaining("1 partition(s)")
                .hasMessageContaining("--allow-renumbering")
                .hasMessageContaining("Nothing was changed");
    }

    @Test
    void renumberingATrimmedInputIsAnExplicitChoice() {
        assertThatCode(() -> Reprocess.refuseUnsafe(plan(3, 5), "chatflow-processor", true)).doesNotThrowAnyException();
    }
}
