package dev.chatflow.schemas.history;

/**
 * The storage contract of the message history in Cassandra (tables in {@code cql/}): its table names
 * and how a seq maps to its partition bucket. The sink writes by it, the delivery gateway reads by it.
 */
public final class MessageHistory {

    /** Consecutive seqs per partition of {@link #MESSAGES}. */
    public static final long BUCKET_SIZE = 10_000;
    public static final String MESSAGES = "messages";
    public static final String CHANNEL_BUCKETS = "channel_buckets";
    public static final String USER_REF = "user_ref";
    /** Classpath index of the versioned CQL files, in order. */
    public static final String MIGRATIONS_INDEX = "cql/migrations.txt";

    private MessageHistory() {
    }

    /** The bucket of {@code seq} (seq starts at 1). */
    public static long bucket(long seq) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, not " + seq);
        }
        return (seq - 1) / BUCKET_SIZE;
    }
}
