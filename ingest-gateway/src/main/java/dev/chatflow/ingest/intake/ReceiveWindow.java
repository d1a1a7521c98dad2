package dev.chatflow.ingest.intake;

/**
 * Read backpressure of one WebSocket: counts the frames read and not yet answered, stops reading when
 * {@code limit} are open and reads again when half of them are answered. Not thread-safe: the socket
 * calls it on its I/O thread only.
 */
final class ReceiveWindow {

    private final int limit;
    private final Runnable suspend;
    private final Runnable resume;
    private int open;
    private boolean suspended;

    ReceiveWindow(int limit, Runnable suspend, Runnable resume) {
        if (limit < 1) {
            throw new IllegalArgumentException("the window must be 1 or more, not " + limit);
        }
        this.limit = limit;
        this.suspend = suspend;
        this.resume = resume;
    }

    /** A frame was read. */
    void opened() {
        open++;
        if (open >= limit && !suspended) {
            suspended = true;
            suspend.run();
        }
    }

    /** A frame was answered. */
    void closed() {
        open--;
        if (suspended && open <= limit / 2) {
            suspended = false;
            resume.run();
        }
    }

    int open() {
        return open;
    }

    boolean suspended() {
        return suspended;
    }
}
