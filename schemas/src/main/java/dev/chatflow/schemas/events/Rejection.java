package dev.chatflow.schemas.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A raw message the processor refused: value of {@code chat.messages.rejected}, key = channel id (or
 * the raw record's key when the channel is unknown).
 *
 * @param reason     why, as a code
 * @param detail     why, for people
 * @param channelId  the channel, when known
 * @param messageId  the message id, when the raw value could be read that far
 * @param original   the raw record, verbatim
 * @param rejectedAt when the processor refused it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Rejection(Integer schemaVersion, RejectionReason reason, String detail, String channelId,
                        String messageId, Original original, Instant rejectedAt) {

    public Rejection {
        Contract.requireVersion(schemaVersion, EventType.REJECTION);
        Contract.require(reason, "reason");
        Contract.require(detail, "detail");
        Contract.require(original, "original");
        Contract.require(rejectedAt, "rejectedAt");
    }

    public static Rejection of(RejectionReason reason, String detail, String channelId, String messageId,
                               Original original, Instant rejectedAt) {
        return new Rejection(EventType.REJECTION.currentVersion(), reason, detail, channelId, messageId,
                original, rejectedAt);
    }

    /**
     * The raw record as it was on its topic. The value is kept as text when it is valid UTF-8 (the
     * normal case, readable in kafka-ui) and as base64 only when it is not, which {@code valueEncoding} says.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Original(String topic, Integer partition, Long offset, String key, String value,
                           Encoding valueEncoding) {

        public Original {
            Contract.require(topic, "original.topic");
            Contract.require(partition, "original.partition");
            Contract.require(offset, "original.offset");
            if (value != null) {
                Contract.require(valueEncoding, "original.valueEncoding");
            }
        }

        /** Keeps {@code value} verbatim: as UTF-8 text when it is, as base64 otherwise. */
        public static Original of(String topic, int partition, long offset, String key, byte[] value) {
            if (value == null) {
                return new Original(topic, partition, offset, key, null, null);
            }
            try {
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(value)).toString();
                return new Original(topic, partition, offset, key, text, Encoding.UTF8);
            } catch (CharacterCodingException notUtf8) {
                return new Original(topic, partition, offset, key, Base64.getEncoder().encodeToString(value),
                        Encoding.BASE64);
            }
        }

        /** The original value bytes, exactly. */
        public byte[] valueBytes() {
            if (value == null) {
                return null;
            }
            return valueEncoding == Encoding.BASE64 ? Base64.getDecoder().decode(value)
                    : value.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** How {@link Original#value()} is written. */
    public enum Encoding {
        @com.fasterxml.jackson.annotation.JsonProperty("utf8") UTF8,
        @com.fasterxml.jackson.annotation.JsonProperty("base64") BASE64
    }
}
