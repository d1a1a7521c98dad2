package dev.chatflow.schemas.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** Why a raw message was rejected; the code is what {@code chat.messages.rejected} carries. */
public enum RejectionReason {
    /** The value is not JSON (or not UTF-8). */
    MALFORMED_JSON("malformed_json"),
    /** The {@code schema-version} header or {@code schemaVersion} field names a version this build does not know. */
    UNKNOWN_SCHEMA_VERSION("unknown_schema_version"),
    /** A required field is absent or null. */
    MISSING_FIELD("missing_field"),
    /** A field has the wrong type or format. */
    INVALID_FIELD("invalid_field"),
    /** The text is empty after normalization. */
    EMPTY_TEXT("empty_text"),
    /** The text is longer than the limit after normalization. */
    TEXT_TOO_LONG("text_too_long"),
    /** {@code replyTo} names no earlier message of the same channel. */
    INVALID_REPLY_TO("invalid_reply_to");

    private final String code;

    RejectionReason(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static RejectionReason ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown rejection reason: " + code));
    }
}
