package dev.chatflow.schemas.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A chat message as the ingest gateway accepted it: value of {@code chat.messages.raw}, key = channel id.
 *
 * @param schemaVersion {@link EventType#RAW_MESSAGE}'s version
 * @param messageId     server-assigned, time-ordered id (UUIDv7)
 * @param channelId     the channel it was sent to
 * @param sender        who sent it (the username as it was at the time)
 * @param clientMsgId   the client's idempotency key, 1–64 of {@code [A-Za-z0-9_-]}
 * @param text          the text, normalized by ingest (NFC, trimmed, no control characters but newline and tab)
 * @param replyTo       seq of an earlier message of the same channel, or null
 * @param receivedAt    when ingest accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawMessage(Integer schemaVersion, String messageId, String channelId, UserRef sender,
                         String clientMsgId, String text, Long replyTo, Instant receivedAt) {

    /** Longest text the contracts allow, in Unicode code points. */
    public static final int MAX_TEXT_LENGTH = 4000;

    public RawMessage {
        Contract.requireVersion(schemaVersion, EventType.RAW_MESSAGE);
        Contract.requireText(messageId, "messageId");
        Contract.requireText(channelId, "channelId");
        Contract.require(sender, "sender");
        Contract.require(clientMsgId, "clientMsgId");
        if (!Contract.CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw new InvalidEventException(RejectionReason.INVALID_FIELD,
                    "clientMsgId must be 1-64 of [A-Za-z0-9_-]");
        }
        Contract.require(text, "text");
        if (text.codePointCount(0, text.length()) > MAX_TEXT_LENGTH) {
            throw new InvalidEventException(RejectionReason.TEXT_TOO_LONG,
                    "text is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        Contract.requirePositive(replyTo, "replyTo");
        Contract.require(receivedAt, "receivedAt");
    }

    /** A raw message of the current schema version. */
    public static RawMessage of(String messageId, String channelId, UserRef sender, String clientMsgId,
                                String text, Long replyTo, Instant receivedAt) {
        return new RawMessage(EventType.RAW_MESSAGE.currentVersion(), messageId, channelId, sender,
                clientMsgId, text, replyTo, receivedAt);
    }
}
