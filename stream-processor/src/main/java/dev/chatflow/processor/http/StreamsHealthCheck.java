package dev.chatflow.processor.http;

import dev.chatflow.kit.http.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;

/** {@code streams}: UP while the Kafka Streams client runs or rebalances, DOWN otherwise (starting, failed, stopped). */
public final class StreamsHealthCheck implements HealthCheck {

    private final KafkaStreams streams;

    public StreamsHealthCheck(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    public String name() {
        return "streams";
    }

    @Override
    public void check() {
        KafkaStreams.State state = streams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw new IllegalStateException("Kafka Streams is " + state);
        }
    }
}
