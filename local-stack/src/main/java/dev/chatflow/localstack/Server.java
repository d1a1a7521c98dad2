package dev.chatflow.localstack;

/** The servers a local stack can run. */
public enum Server {
    KAFKA("Kafka"),
    CASSANDRA("Cassandra"),
    POSTGRES("PostgreSQL");

    private final String displayName;

    Server(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
