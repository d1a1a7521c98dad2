package dev.chatflow.bench.run;

import java.util.BitSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** The bookkeeping of one load run, shared by the scheduler, the senders' ack handlers and the receivers. */
final class RunState {

    private static final int PENDING = 0;
    private static final int ACCEPTED = 1;
    private static final int FAILED = 2;

    final String tag;
    final int total;
    final int warmup;
    final long[] scheduledNanos;
    final int[] channelOf;
    private final AtomicIntegerArray status;
    private final BitSet[] acceptedByChannel;
    final Recorder latency = new Recorder(3);
    final Histogram latencyTotal = new Histogram(3);
    final Stages stages = new Stages();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong acceptedMeasured = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();

    RunState(String tag, int total, int warmup, int channels) {
        this.tag = tag;
        this.total = total;
        this.warmup = warmup;
        this.scheduledNanos = new long[total];
        this.channelOf = new int[total];
        this.status = new AtomicIntegerArray(total);
        this.acceptedByChannel = new BitSet[channels];
        for (int c = 0; c < channels; c++) {
            acceptedByChannel[c] = new BitSet(total);
        }
    }

    String clientMsgId(int index) {
        return tag + "-" + index;
    }

    /** The index a clientMsgId of this run carries, or -1. */
    int indexOf(String clientMsgId) {
        if (clientMsgId == null || !clientMsgId.startsWith(tag) || clientMsgId.length() <= tag.length() + 1
                || clientMsgId.charAt(tag.length()) != '-') {
            return -1;
        }
        try {
            int index = Integer.parseInt(clientMsgId, tag.length() + 1, clientMsgId.length(), 10);
            return index < total ? index : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    void accepted(int index) {
        if (status.compareAndSet(index, PENDING, ACCEPTED)) {
            accepted.incrementAndGet();
            if (index >= warmup) {
                acceptedMeasured.incrementAndGet();
            }
            BitSet channel = acceptedByChannel[channelOf[index]];
            synchronized (channel) {
                channel.set(index);
            }
        }
    }

    void failed(int index, String code) {
        if (status.compareAndSet(index, PENDING, FAILED)) {
            failed.incrementAndGet();
            errorCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    long pending() {
        return sent.get() - accepted.get() - failed.get();
    }

    /** Messages still unanswered when the run gave up waiting count as errors. */
    void timeOutPending() {
        for (int i = 0; i < sent.get(); i++) {
            failed(i, "no_answer");
        }
    }

    BitSet acceptedIn(int channel) {
        BitSet set = acceptedByChannel[channel];
        synchronized (set) {
            return (BitSet) set.clone();
        }
    }

    void delivered(int index, long nowNanos, String sentAt) {
        if (index >= warmup) {
            long micros = Math.max(0, (nowNanos - scheduledNanos[index]) / 1_000);
            latency.recordValue(micros);
            stages.record(scheduledNanos[index], nowNanos, sentAt);
        }
    }

    /** Moves what was recorded since the last call into the run's total; returns the interval. */
    synchronized Histogram drainInterval() {
        Histogram interval = latency.getIntervalHistogram();
        latencyTotal.add(interval);
        return interval;
    }
}
