package dev.chatflow.processor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ReplayTest {

    @Test
    void channelPartitionIsTheOneTheProducerPicksForItsKey() {
        for (int i = 0; i < 200; i++) {
            String channel = UUID.randomUUID().toString();
            for (int partitions : new int[]{1, 3, 6, 12}) {
                assertThat(Replay.partitionOf(channel, partitions)).as(channel).isEqualTo(
                        BuiltInPartitioner.partitionForKey(channel.getBytes(StandardCharsets.UTF_8), partitions));
            }
        }
    }

    @Test
    void replayConsumerReadsCommittedRecordsWithoutAGroupAndCreatesNoTopic() {
        Properties props = Replay.consumerProps(new Properties(), 500);
        assertThat(props).containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false)
                .doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG);
    }

    @Test
    void isoTimesWithZoneOffsetOrDateOnlyAreAccepted() {
        assertThat(IsoTime.parse("2026-03-01T12:00:00Z")).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(IsoTime.parse("2026-03-01T13:00:00.250+01:00")).isEqualTo(Instant.parse("2026-03-01T12:00:00.250Z"));
        assertThat(IsoTime.parse(" 2026-03-01 ")).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @Test
    void isoTimeWithoutZoneIsRejected() {
        assertThatThrownBy(() -> IsoTime.parse("2026-03-01 12:00")).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'2026-03-01 12:00' is not an ISO-8601 time with a zone");
    }
}
