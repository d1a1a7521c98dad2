package dev.chatflow.schemas.topics;

/** Kafka's {@code cleanup.policy} of a topic. */
public enum CleanupPolicy {
    DELETE("delete"),
    COMPACT("compact");

    private final String config;

    CleanupPolicy(String config) {
        this.config = config;
    }

    /** The value of {@code cleanup.policy}. */
    public String config() {
        return config;
    }
}
