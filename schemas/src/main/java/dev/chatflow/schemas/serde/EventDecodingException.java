package dev.chatflow.schemas.serde;

import dev.chatflow.schemas.events.RejectionReason;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value that cannot be read as its event. Consumers never let it stop them: they route the
 * record to {@code chat.messages.rejected} with {@link #reason()} (or skip it, where that topic does not
 * apply), and go on.
 */
public final class EventDecodingException extends SerializationException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public EventDecodingException(RejectionReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
