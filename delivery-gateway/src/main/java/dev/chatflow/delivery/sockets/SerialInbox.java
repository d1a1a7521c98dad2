package dev.chatflow.delivery.sockets;

import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Handles one socket's frames one after the other, in arrival order, even when handling one takes an
 * asynchronous step (a membership check, a Cassandra read): the next frame starts when the previous
 * frame's stage completes. No thread waits meanwhile. Bounded: a client that floods it is refused.
 */
final class SerialInbox {

    private final int capacity;
    private final ArrayDeque<Supplier<? extends CompletionStage<?>>> pending = new ArrayDeque<>();
    private boolean busy;

    SerialInbox(int capacity) {
        this.capacity = capacity;
    }

    /** Queues a frame's handling; false when {@code capacity} frames are waiting already. */
    boolean submit(Supplier<? extends CompletionStage<?>> handling) {
        synchronized (this) {
            if (pending.size() >= capacity) {
                return false;
            }
            pending.add(handling);
            if (busy) {
                return true;
            }
            busy = true;
        }
        runNext();
        return true;
    }

    private void runNext() {
        Supplier<? extends CompletionStage<?>> next;
        synchronized (this) {
            next = pending.poll();
            if (next == null) {
                busy = false;
                return;
            }
        }
        CompletionStage<?> stage;
        try {
            stage = next.get();
        } catch (RuntimeException e) {
            stage = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((result, error) -> runNext());
    }
}
