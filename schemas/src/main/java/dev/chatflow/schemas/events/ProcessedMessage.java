package dev.chatflow.schemas.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A message after the stream processor validated, de-duplicated, numbered and enriched it: value of
 * {@code chat.messages}, key = channel id. This is the shape clients receive (plus the processing
 * metadata {@code schemaVersion} and {@code processedAt}).
 *
 * @param seq         position in the channel, from 1, without gaps
 * @param text        normalized text
 * @param mentions    users named as {@code @username} that exist; absent when none
 * @param replyTo     seq of the message this one answers, or null
 * @param reply       preview of that message, or null
 * @param sentAt      when ingest accepted the message
 * @param processedAt when the processor numbered it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProcessedMessage(Integer schemaVersion, String channelId, Long seq, String messageId,
                               String clientMsgId, UserRef sender, String text, List<UserRef> mentions,
                               Long replyTo, ReplyPreview reply, Instant sentAt, Instant processedAt) {

    public ProcessedMessage {
        Contract.requireVersion(schemaVersion, EventType.PROCESSED_MESSAGE);
        Contract.requireText(channelId, "channelId");
        Contract.require(seq, "seq");
        Contract.requirePositive(seq, "seq");
        Contract.requireText(messageId, "messageId");
        Contract.requireText(clientMsgId, "clientMsgId");
        Contract.require(sender, "sender");
        Contract.require(text, "text");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        Contract.requirePositive(replyTo, "replyTo");
        Contract.require(sentAt, "sentAt");
        Contract.require(processedAt, "processedAt");
    }

    /** A processed message of the current schema version. */
    public static ProcessedMessage of(String channelId, long seq, String messageId, String clientMsgId,
                                      UserRef sender, String text, List<UserRef> mentions, Long replyTo,
                                      ReplyPreview reply, Instant sentAt, Instant processedAt) {
        return new ProcessedMessage(EventType.PROCESSED_MESSAGE.currentVersion(), channelId, seq, messageId,
                clientMsgId, sender, text, mentions, replyTo, reply, sentAt, processedAt);
    }
}
