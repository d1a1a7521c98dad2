package dev.chatflow.schemas.events;

import java.util.regex.Pattern;

/** The field rules of the contracts, checked when an event record is built (and so when one is read). */
final class Contract {

    static final Pattern CLIENT_MSG_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Contract() {
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new InvalidEventException(RejectionReason.MISSING_FIELD, field + " is required");
        }
        return value;
    }

    static String requireText(String value, String field) {
        require(value, field);
        if (value.isBlank()) {
            throw new InvalidEventException(RejectionReason.INVALID_FIELD, field + " must not be blank");
        }
        return value;
    }

    static void requireVersion(Integer version, EventType type) {
        if (version == null) {
            throw new InvalidEventException(RejectionReason.MISSING_FIELD, "schemaVersion is required");
        }
        if (!type.supports(version)) {
            throw new InvalidEventException(RejectionReason.UNKNOWN_SCHEMA_VERSION,
                    type.eventType() + " schemaVersion " + version + " is not supported (known: "
                            + type.currentVersion() + ")");
        }
    }

    static void requirePositive(Long value, String field) {
        if (value != null && value < 1) {
            throw new InvalidEventException(RejectionReason.INVALID_FIELD, field + " must be 1 or greater");
        }
    }
}
