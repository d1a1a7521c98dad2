package dev.chatflow.bench.run;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Where the end-to-end latency goes, split at the {@code sentAt} every delivered message carries (when
 * the ingest gateway accepted it):
 * <ul>
 *   <li>ingest: due time → sentAt (the bench's send, the network, the gateway's checks);</li>
 *   <li>pipeline: sentAt → received (produce to chat.messages.raw, the processor and its transaction
 *       commit, the delivery gateway's read_committed fetch, fan-out, the socket).</li>
 * </ul>
 * Both clocks are this machine's; with the bench on another machine the split is only as good as the
 * clock sync.
 */
final class Stages {

    private final long epochMicrosAtNanoZero;
    private final Recorder ingest = new Recorder(3);
    private final Recorder pipeline = new Recorder(3);

    Stages() {
        Instant now = Instant.now();
        long nanos = System.nanoTime();
        epochMicrosAtNanoZero = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000 - nanos / 1_000;
    }

    /** Records one delivery of a message that was due at {@code dueNanos} and arrived at {@code receivedNanos}. */
    void record(long dueNanos, long receivedNanos, String sentAt) {
        long sent;
        try {
            sent = epochMicros(Instant.parse(sentAt));
        } catch (DateTimeParseException | NullPointerException e) {
            return; // a frame without the timestamp says nothing about the stages
        }
        long due = epochMicrosAtNanoZero + dueNanos / 1_000;
        long received = epochMicrosAtNanoZero + receivedNanos / 1_000;
        ingest.recordValue(Math.max(0, sent - due));
        pipeline.recordValue(Math.max(0, received - sent));
    }

    /** p50 and p99 of each stage so far, in milliseconds, with what the commit probe saw of the pipeline. */
    RunResult.StageLatency summary(CommitProbe probe) {
        return new RunResult.StageLatency(split(ingest.getIntervalHistogram()), split(pipeline.getIntervalHistogram()),
                probe.processing(), probe.visible());
    }

    static RunResult.Split split(Histogram h) {
        return new RunResult.Split(h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0);
    }

    static long epochMicros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
