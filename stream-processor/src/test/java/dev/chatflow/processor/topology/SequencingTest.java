package dev.chatflow.processor.topology;

import static dev.chatflow.processor.topology.TopologyFixture.ALICE;
import static dev.chatflow.processor.topology.TopologyFixture.BOB;
import static dev.chatflow.processor.topology.TopologyFixture.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.ProcessedMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequencingTest {

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(TopologyConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void interleavedChannelsEachKeepTheirOwnGapFreeSequence() {
        String[] channels = {"c-a", "c-b", "c-c"};
        int[] counts = {7, 3, 5};
        for (int round = 0; round < 7; round++) {
            for (int c = 0; c < channels.length; c++) {
                if (round < counts[c]) {
                    fixture.send(message(channels[c], round % 2 == 0 ? ALICE : BOB, "m-" + round, "msg " + round));
                }
            }
        }

        Map<String, List<Long>> seqs = new LinkedHashMap<>();
        for (ProcessedMessage m : fixture.processed()) {
            seqs.computeIfAbsent(m.channelId(), c -> new ArrayList<>()).add(m.seq());
        }
        for (int c = 0; c < channels.length; c++) {
            assertThat(seqs.get(channels[c])).as(channels[c])
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, counts[c]).boxed().toList());
        }
    }

    @Test
    void rejectedAndDuplicateMessagesTakeNoSeq() {
        fixture.send(message("c1", ALICE, "m-1", "one"));
        fixture.send(message("c1", ALICE, "m-2", "   "));            // empty after normalization
        fixture.send(message("c1", ALICE, "m-1", "one, re-sent"));   // duplicate
        fixture.send(message("c1", ALICE, "m-3", "bad reply", 9L));  // invalid replyTo
        fixture.send(message("c1", ALICE, "m-4", "two"));

        assertThat(fixture.processed()).extracting(ProcessedMessage::seq, ProcessedMessage::text)
                .containsExactly(tuple(1L, "one"),
                        tuple(2L, "two"));
        assertThat(fixture.rejected.getQueueSize()).isEqualTo(2);
    }

    @Test
    void oneTaskHoldsAChannelFromRawRecordToOutputWithoutRepartitioning() {
        TopologyDescription description = ChatTopology.build(TopologyConfig.defaults()).describe();

        assertThat(description.subtopologies()).hasSize(1);
        assertThat(description.globalStores()).hasSize(1);
        assertThat(description.toString()).doesNotContain("repartition");
    }

    @Test
    void processedMessagesAreKeyedByChannelAndCarryEventHeaders() {
        fixture.send(message("c1", ALICE, "m-1", "  hi\u0007 there  "));

        TestRecord<String, ProcessedMessage> out = fixture.messages.readRecord();
        assertThat(out.key()).isEqualTo("c1");
        assertThat(out.value().text()).isEqualTo("hi there");
        assertThat(new String(out.headers().lastHeader(EventType.HEADER_EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("chat.message");
        assertThat(new String(out.headers().lastHeader(EventType.HEADER_SCHEMA_VERSION).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
        assertThat(out.value().sentAt()).isEqualTo(TopologyFixture.T0);
        assertThat(out.value().processedAt()).isNotNull();
    }
}
