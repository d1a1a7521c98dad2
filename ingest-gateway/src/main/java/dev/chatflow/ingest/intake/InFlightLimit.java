package dev.chatflow.ingest.intake;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;

/**
 * Bounds the messages handed to Kafka and not yet acknowledged. Acquiring never blocks: it returns a
 * future that completes when a permit is free, first come first served. A waiter that gave up (its
 * future was completed otherwise, e.g. by a timeout) is skipped, and its permit goes to the next.
 */
final class InFlightLimit {

    private final int capacity;
    private final ArrayDeque<CompletableFuture<Void>> waiters = new ArrayDeque<>();
    private int available;

    InFlightLimit(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the in-flight limit must be 1 or more, not " + capacity);
        }
        this.capacity = capacity;
        this.available = capacity;
    }

    /** Completes once the caller holds a permit; it must {@link #release()} it exactly once. */
    synchronized CompletableFuture<Void> acquire() {
        if (available > 0 && waiters.isEmpty()) {
            available--;
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> waiter = new CompletableFuture<>();
        waiters.add(waiter);
        return waiter;
    }

    void release() {
        while (true) {
            CompletableFuture<Void> next;
            synchronized (this) {
                next = waiters.poll();
                if (next == null) {
                    available++;
                    return;
                }
            }
            if (next.complete(null)) {
                return; // the permit passed to the waiter
            }
        }
    }

    /** Permits held now. */
    synchronized int inFlight() {
        return capacity - available;
    }
}
