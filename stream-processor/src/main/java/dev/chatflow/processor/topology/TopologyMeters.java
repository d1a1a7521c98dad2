package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The topology's meters: {@code chatflow_processor_messages_total}, {@code chatflow_processor_duplicates_total},
 * {@code chatflow_processor_rejected_total{reason}} (every reason registered from zero) and
 * {@code chatflow_processor_streams_state{state}}.
 */
public final class TopologyMeters implements TopologyListener {

    private final Counter accepted;
    private final Counter duplicates;
    private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

    public TopologyMeters(MeterRegistry registry) {
        accepted = Counter.builder("chatflow.processor.messages").description("messages numbered and written to chat.messages")
                .register(registry);
        duplicates = Counter.builder("chatflow.processor.duplicates").description("re-sent messages dropped")
                .register(registry);
        for (RejectionReason reason : RejectionReason.values()) {
            rejected.put(reason, Counter.builder("chatflow.processor.rejected").tag("reason", reason.code())
                    .description("raw records written to chat.messages.rejected").register(registry));
        }
    }

    /** Registers a gauge per Kafka Streams state: 1 for the current one. */
    public static void bindStreamsState(MeterRegistry registry, KafkaStreams streams) {
        for (KafkaStreams.State s : KafkaStreams.State.values()) {
            Gauge.builder("chatflow.processor.streams.state", streams, client -> client.state() == s ? 1 : 0)
                    .tag("state", s.name()).description("1 for the Kafka Streams client's current state")
                    .register(registry);
        }
    }

    @Override
    public void accepted() {
        accepted.increment();
    }

    @Override
    public void duplicate() {
        duplicates.increment();
    }

    @Override
    public void rejected(RejectionReason reason) {
        rejected.get(reason).increment();
    }
}
