package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.topics.Topics;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Builds the {@link Rejection} of the raw record a processor is handling: reason, detail, and the
 * record as it was on {@code chat.messages.raw} (topic, partition, offset, key, value bytes verbatim).
 */
final class Rejections {

    private Rejections() {
    }

    static Rejection of(ProcessorContext<?, ?> context, RejectionReason reason, String detail, String channelId,
                        String messageId, String rawKey, byte[] rawValue) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        Rejection.Original original = Rejection.Original.of(
                source == null ? Topics.RAW_MESSAGES.name() : source.topic(),
                source == null ? -1 : source.partition(),
                source == null ? -1 : source.offset(),
                rawKey, rawValue);
        return Rejection.of(reason, detail, channelId, messageId, original,
                Instant.ofEpochMilli(context.currentSystemTimeMs()));
    }
}
