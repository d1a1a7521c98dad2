package dev.chatflow.processor.topology;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.text.MessageText;
import dev.chatflow.schemas.topics.Topics;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a raw record's bytes with the contract's serde and checks what can be checked on the record
 * alone: known schema version, required fields, key = channel id, text normalized (NFC, trimmed, no
 * control characters but newline and tab), not empty and within the limit. Anything wrong becomes a
 * rejection with the original bytes; nothing here can stop the application.
 */
final class ValidateProcessor implements Processor<String, byte[], String, Verdict<Candidate>> {

    private static final Logger log = LoggerFactory.getLogger(ValidateProcessor.class);

    private final Deserializer<RawMessage> deserializer = Topics.RAW_MESSAGES.valueSerde().deserializer();
    private final int maxTextLength;
    private ProcessorContext<String, Verdict<Candidate>> context;

    ValidateProcessor(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    @Override
    public void init(ProcessorContext<String, Verdict<Candidate>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        byte[] bytes = record.value();
        if (bytes == null) {
            reject(record, RejectionReason.MISSING_FIELD, "the record has no value", null, null);
            return;
        }
        RawMessage raw;
        try {
            raw = deserializer.deserialize(Topics.RAW_MESSAGES.name(), record.headers(), bytes);
        } catch (EventDecodingException e) {
            JsonNode tree = readTreeQuietly(bytes);
            reject(record, e.reason(), e.detail(), text(tree, "channelId"), text(tree, "messageId"));
            return;
        }
        if (!raw.channelId().equals(record.key())) {
            reject(record, RejectionReason.INVALID_FIELD, "the record key " + quote(record.key())
                    + " is not the channel id " + quote(raw.channelId()), raw.channelId(), raw.messageId());
            return;
        }
        String text = MessageText.normalize(raw.text());
        if (text.isEmpty()) {
            reject(record, RejectionReason.EMPTY_TEXT, "text is empty after normalization", raw.channelId(),
                    raw.messageId());
            return;
        }
        int length = MessageText.length(text);
        if (length > maxTextLength) {
            reject(record, RejectionReason.TEXT_TOO_LONG, "text has " + length + " characters, the limit is "
                    + maxTextLength, raw.channelId(), raw.messageId());
            return;
        }
        RawMessage normalized = text.equals(raw.text()) ? raw : new RawMessage(raw.schemaVersion(), raw.messageId(),
                raw.channelId(), raw.sender(), raw.clientMsgId(), text, raw.replyTo(), raw.receivedAt());
        context.forward(record.withValue(Verdict.accept(new Candidate(normalized, bytes))));
    }

    private void reject(Record<String, byte[]> record, RejectionReason reason, String detail, String channelId,
                        String messageId) {
        log.debug("rejecting raw record with key {}: {} ({})", record.key(), reason.code(), detail);
        Rejection rejection = Rejections.of(context, reason, detail, channelId, messageId, record.key(),
                record.value());
        String key = channelId != null ? channelId : record.key();
        context.forward(record.withKey(key).withValue(Verdict.reject(rejection)));
    }

    /** The value as a JSON tree, to name the channel and message of a rejection where possible. */
    private static JsonNode readTreeQuietly(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static String text(JsonNode tree, String field) {
        if (tree == null || !tree.isObject()) {
            return null;
        }
        JsonNode node = tree.get(field);
        return node != null && node.isTextual() && !node.textValue().isBlank() ? node.textValue() : null;
    }

    private static String quote(String s) {
        return s == null ? "(none)" : "'" + s + "'";
    }
}
