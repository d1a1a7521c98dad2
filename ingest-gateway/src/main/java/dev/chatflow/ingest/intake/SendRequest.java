package dev.chatflow.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.kit.http.ApiException;
import dev.chatflow.schemas.text.MessageText;
import java.util.regex.Pattern;

/**
 * A message as a client sent it, over HTTP or WebSocket, not yet checked: the intake checks the channel
 * and the membership before it looks at the fields, so reading one never fails.
 *
 * @param clientMsgId the client's idempotency key, or null when absent or not a string
 * @param text        the raw text, or null when absent or not a string
 * @param replyTo     the raw {@code replyTo} value, or null
 */
public record SendRequest(String clientMsgId, String text, JsonNode replyTo) {

    private static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** The fields of a request body or {@code send} frame. */
    public static SendRequest from(JsonNode body) {
        return new SendRequest(string(body.get("clientMsgId")), string(body.get("text")), body.get("replyTo"));
    }

    /** A message whose fields were checked. */
    record Valid(String clientMsgId, String text, Long replyTo) {
    }

    /** Checks the fields: 400 {@code invalid_client_msg_id}/{@code invalid_text}/{@code invalid_reply_to}, 413 {@code message_too_large}. */
    Valid validate(int maxTextLength) {
        if (clientMsgId == null || !CLIENT_MSG_ID.matcher(clientMsgId).matches()) {
            throw ApiException.badRequest("invalid_client_msg_id", "clientMsgId is 1 to 64 of A-Z, a-z, 0-9, '_' and '-'");
        }
        if (text == null) {
            throw ApiException.badRequest("invalid_text", "text is required and must be a string");
        }
        String normalized = MessageText.normalize(text);
        if (normalized.isEmpty()) {
            throw ApiException.badRequest("invalid_text", "text is empty after trimming");
        }
        int length = MessageText.length(normalized);
        if (length > maxTextLength) {
            throw new ApiException(413, "message_too_large", "text is " + length + " characters long; at most "
                    + maxTextLength + " are allowed");
        }
        Long reply = null;
        if (replyTo != null && !replyTo.isNull()) {
            if (!replyTo.isIntegralNumber() || !replyTo.canConvertToLong() || replyTo.longValue() < 1) {
                throw ApiException.badRequest("invalid_reply_to", "replyTo is the seq (1 or greater) of an earlier message");
            }
            reply = replyTo.longValue();
        }
        return new Valid(clientMsgId, normalized, reply);
    }

    private static String string(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
