package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RejectionReason;

/**
 * Told what the topology decided, for metrics. Called on stream threads, so implementations must be
 * thread-safe and quick. Under exactly-once a record can be processed again after an aborted
 * transaction, so counts may run slightly ahead of what was committed.
 */
public interface TopologyListener {

    /** Ignores everything. */
    TopologyListener NONE = new TopologyListener() {
    };

    /** A message got its seq and was written to {@code chat.messages}. */
    default void accepted() {
    }

    /** A message was dropped as a re-send of one already numbered. */
    default void duplicate() {
    }

    /** A raw record went to {@code chat.messages.rejected}. */
    default void rejected(RejectionReason reason) {
    }
}
