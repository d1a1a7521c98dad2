package dev.chatflow.schemas.events;

/** An event that breaks its contract: a required field missing, a value out of range. */
public final class InvalidEventException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public InvalidEventException(RejectionReason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
