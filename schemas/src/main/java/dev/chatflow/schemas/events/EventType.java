package dev.chatflow.schemas.events;

/**
 * The kinds of events on chatflow's topics, each with the schema version this build writes. The
 * {@code event-type} and {@code schema-version} record headers carry these values.
 */
public enum EventType {
    RAW_MESSAGE("chat.message.raw", 1, RawMessage.class),
    PROCESSED_MESSAGE("chat.message", 1, ProcessedMessage.class),
    REJECTION("chat.message.rejected", 1, Rejection.class),
    USER_PROFILE("chat.user", 1, UserProfile.class),
    MEMBERSHIP("chat.membership", 1, Membership.class);

    /** Record header naming the event type. */
    public static final String HEADER_EVENT_TYPE = "event-type";
    /** Record header naming the schema version of the value. */
    public static final String HEADER_SCHEMA_VERSION = "schema-version";

    private final String eventType;
    private final int currentVersion;
    private final Class<?> recordClass;

    EventType(String eventType, int currentVersion, Class<?> recordClass) {
        this.eventType = eventType;
        this.currentVersion = currentVersion;
        this.recordClass = recordClass;
    }

    public String eventType() {
        return eventType;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public Class<?> recordClass() {
        return recordClass;
    }

    /** Whether this build can read values of {@code version}. */
    public boolean supports(int version) {
        return version == currentVersion;
    }

    /** The JSON Schema file of the current version, a classpath resource of this module. */
    public String schemaResource() {
        return "json-schema/" + eventType + ".v" + currentVersion + ".schema.json";
    }
}
