package dev.chatflow.delivery.fanout;

/**
 * The most recent messages of one channel as ready-to-send frames: a run of consecutive seqs ending at
 * the newest message the gateway read, at most {@code capacity} long. A resume that starts inside the
 * window is served from memory; one that starts before it reads Cassandra first. Not thread-safe: its
 * channel's lock guards it.
 */
final class RecentWindow {

    private static final int INITIAL_SLOTS = 8;

    private final int capacity;
    private byte[][] slots = new byte[0][];
    private long firstSeq;
    private int count;
    private long bytes;

    RecentWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a window holds at least one message");
        }
        this.capacity = capacity;
    }

    /**
     * Adds the frame of {@code seq}. A seq that does not follow the newest one starts a new run (the feed
     * never has gaps within a channel, but a window must never pretend to cover a seq it did not see).
     * Returns the change in bytes held.
     */
    long append(long seq, byte[] frame) {
        long before = bytes;
        if (count > 0 && seq != lastSeq() + 1) {
            clear();
        }
        if (count == 0) {
            firstSeq = seq;
        }
        if (count == capacity) {
            byte[] oldest = slots[index(firstSeq)];
            bytes -= oldest.length;
            slots[index(firstSeq)] = null;
            firstSeq++;
            count--;
        } else if (count == slots.length) {
            grow();
        }
        slots[index(seq)] = frame;
        count++;
        bytes += frame.length;
        return bytes - before;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** Oldest seq held; meaningless when empty. */
    long firstSeq() {
        return firstSeq;
    }

    /** Newest seq held; meaningless when empty. */
    long lastSeq() {
        return firstSeq + count - 1;
    }

    /** Whether every seq from {@code seq} to the newest is held. */
    boolean coversFrom(long seq) {
        return count > 0 && seq >= firstSeq;
    }

    /** The frame of {@code seq}, which must be held. */
    byte[] frame(long seq) {
        if (count == 0 || seq < firstSeq || seq > lastSeq()) {
            throw new IllegalArgumentException("seq " + seq + " is not in the window");
        }
        return slots[index(seq)];
    }

    long bytes() {
        return bytes;
    }

    /** Drops everything; returns the bytes freed. */
    long clear() {
        long freed = bytes;
        slots = new byte[0][];
        count = 0;
        bytes = 0;
        return freed;
    }

    private int index(long seq) {
        return (int) Math.floorMod(seq, (long) slots.length);
    }

    private void grow() {
        int size = Math.min(capacity, Math.max(INITIAL_SLOTS, slots.length * 2));
        byte[][] bigger = new byte[size][];
        for (long s = firstSeq; s < firstSeq + count; s++) {
            bigger[(int) Math.floorMod(s, (long) size)] = slots[index(s)];
        }
        slots = bigger;
    }
}
