package dev.chatflow.delivery.fanout;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the recent windows of all channels within one memory budget: when they hold more than
 * {@code maxBytes}, the windows of the channels that received a message least recently are dropped
 * (their resumes then read Cassandra). Used by the feed thread only.
 */
final class WindowBudget {

    private final long maxBytes;
    private final LinkedHashMap<ChannelState, Boolean> byRecency = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    WindowBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** {@code channel}'s window grew (or shrank) by {@code delta} bytes just now. */
    void grew(ChannelState channel, long delta) {
        bytes += delta;
        byRecency.put(channel, Boolean.TRUE);
        Iterator<Map.Entry<ChannelState, Boolean>> eldest = byRecency.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            ChannelState victim = eldest.next().getKey();
            if (victim == channel) {
                break;
            }
            synchronized (victim) {
                bytes -= victim.window.clear();
            }
            eldest.remove();
        }
    }

    long bytes() {
        return bytes;
    }
}
