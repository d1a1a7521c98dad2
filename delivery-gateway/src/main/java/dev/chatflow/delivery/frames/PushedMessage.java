package dev.chatflow.delivery.frames;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserRef;
import java.time.Instant;
import java.util.List;

/**
 * A message as clients see it, pushed over the socket and returned by history alike: the fields of
 * {@link ProcessedMessage} without the processing metadata ({@code schemaVersion}, {@code processedAt}),
 * with {@code "type":"message"}; {@code mentions}, {@code replyTo} and {@code reply} are absent when empty.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"type", "channelId", "seq", "messageId", "clientMsgId", "sender", "text", "mentions", "replyTo",
        "reply", "sentAt"})
public record PushedMessage(String type, String channelId, long seq, String messageId, String clientMsgId,
                            UserRef sender, String text, List<UserRef> mentions, Long replyTo, ReplyPreview reply,
                            Instant sentAt) {

    public static final String TYPE = "message";

    public static PushedMessage of(ProcessedMessage m) {
        return new PushedMessage(TYPE, m.channelId(), m.seq(), m.messageId(), m.clientMsgId(), m.sender(), m.text(),
                m.mentions(), m.replyTo(), m.reply(), m.sentAt());
    }
}
