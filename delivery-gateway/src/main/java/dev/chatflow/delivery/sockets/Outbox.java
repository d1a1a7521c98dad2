package dev.chatflow.delivery.sockets;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The bounded outgoing queue of one socket. Frames leave in the order they were offered, at most
 * {@link #MAX_IN_FLIGHT} at a time handed to the transport. A client that lets more than
 * {@code maxFrames} frames or {@code maxBytes} bytes pile up is too slow: the outbox drops what it holds,
 * refuses everything after, and reports the overflow once — so one slow reader never holds up the thread
 * that fans messages out, nor any other socket.
 *
 * <p>Nothing here blocks, and the transport is never called with the outbox's lock held: a transport that
 * completes a send on the calling thread, or an I/O thread that completes one while another thread
 * offers, cannot deadlock with it.
 */
final class Outbox {

    /** Frames handed to the transport and not yet written. */
    static final int MAX_IN_FLIGHT = 16;
    /** Most frames and bytes a backlog fills the outbox up to. */
    static final int BACKLOG_FRAMES = 512;
    static final long BACKLOG_BYTES = 512 * 1024;

    /** Writes one frame, then calls {@link #sent} with it, or {@link #failed()}. */
    interface Transport {
        void send(byte[] frame, Outbox outbox);
    }

    private final Transport transport;
    private final int maxFrames;
    private final long maxBytes;
    private final Runnable onOverflow;
    private final int backlogFrames;
    private final long backlogBytes;
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
    private final List<Runnable> drainWaiters = new ArrayList<>();
    private int inFlight;
    private long pendingBytes;
    private boolean pumping;
    private boolean closed;
    private Runnable finisher;

    Outbox(Transport transport, int maxFrames, long maxBytes, Runnable onOverflow) {
        if (maxFrames < 4 || maxBytes < 4096) {
            throw new IllegalArgumentException("an outbox needs room for at least 4 frames and 4096 bytes");
        }
        this.transport = transport;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.onOverflow = onOverflow;
        this.backlogFrames = Math.min(maxFrames / 2, BACKLOG_FRAMES);
        this.backlogBytes = Math.min(maxBytes / 2, BACKLOG_BYTES);
    }

    /**
     * Queues {@code frame}. Returns false when the outbox is closed, or when this frame overflows it (the
     * outbox then closes and reports the overflow).
     */
    boolean offer(byte[] frame) {
        boolean overflow = false;
        boolean pump = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (queue.size() + inFlight + 1 > maxFrames || pendingBytes + frame.length > maxBytes) {
                overflow = true;
                closeLocked();
            } else {
                queue.add(frame);
                pendingBytes += frame.length;
                if (!pumping) {
                    pumping = true;
                    pump = true;
                }
            }
        }
        if (overflow) {
            onOverflow.run();
            return false;
        }
        if (pump) {
            pump();
        }
        return true;
    }

    /**
     * Whether there is room for frames that can wait (a resume's backlog): the outbox holds less than half
     * its limits, and at most {@link #BACKLOG_FRAMES} frames and {@link #BACKLOG_BYTES} bytes — live frames
     * of other subscriptions still fit, and a backlog (serialized for this socket alone) stays small.
     */
    synchronized boolean hasHeadroom() {
        return !closed && queue.size() + inFlight < backlogFrames && pendingBytes < backlogBytes;
    }

    /** Runs {@code task} once the outbox holds at most half the backlog room (now, if so), or never if it closes. */
    void whenDrained(Runnable task) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (!drained()) {
                drainWaiters.add(task);
                return;
            }
        }
        task.run();
    }

    /** Refuses further frames and runs {@code then} once everything queued so far has been written. */
    void finish(Runnable then) {
        boolean runNow = false;
        boolean pump = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            drainWaiters.clear();
            if (queue.isEmpty() && inFlight == 0) {
                runNow = true;
            } else {
                finisher = then;
                if (!pumping && !queue.isEmpty()) {
                    pumping = true;
                    pump = true;
                }
            }
        }
        if (pump) {
            pump();
        }
        if (runNow) {
            then.run();
        }
    }

    /** Stops sending: what is queued is dropped, frames already handed to the transport still go out. */
    synchronized void close() {
        closeLocked();
    }

    synchronized boolean isClosed() {
        return closed;
    }

    synchronized int pendingFrames() {
        return queue.size() + inFlight;
    }

    /** The transport wrote {@code frame}. */
    void sent(byte[] frame) {
        boolean pump = false;
        Runnable finished = null;
        List<Runnable> ready = List.of();
        synchronized (this) {
            inFlight--;
            pendingBytes -= frame.length;
            if (finisher != null && queue.isEmpty() && inFlight == 0) {
                finished = finisher;
                finisher = null;
            } else if (!pumping && !queue.isEmpty()) {
                pumping = true;
                pump = true;
            }
            if (!drainWaiters.isEmpty() && drained()) {
                ready = List.copyOf(drainWaiters);
                drainWaiters.clear();
            }
        }
        if (pump) {
            pump();
        }
        if (finished != null) {
            finished.run();
        }
        ready.forEach(Runnable::run);
    }

    /** The transport could not write: the connection is gone. */
    void failed() {
        synchronized (this) {
            inFlight--;
            finisher = null;
            closeLocked();
            pendingBytes = 0;
        }
    }

    private void closeLocked() {
        closed = true;
        for (byte[] dropped : queue) {
            pendingBytes -= dropped.length;
        }
        queue.clear();
        drainWaiters.clear();
    }

    private boolean drained() {
        return queue.size() + inFlight <= backlogFrames / 2 && pendingBytes <= backlogBytes / 2;
    }

    /** Hands queued frames to the transport; only one thread pumps at a time, so the order holds. */
    private void pump() {
        while (true) {
            byte[] next;
            synchronized (this) {
                if ((closed && finisher == null) || queue.isEmpty() || inFlight >= MAX_IN_FLIGHT) {
                    pumping = false;
                    return;
                }
                next = queue.poll();
                inFlight++;
            }
            transport.send(next, this);
        }
    }
}
