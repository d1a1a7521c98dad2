package dev.chatflow.bench.run;

import java.util.List;
import java.util.Map;

/**
 * What one load run measured.
 *
 * @param targetRate    messages per second asked for
 * @param achievedRate  messages accepted per second in the measured part
 * @param sent          messages sent (warm-up included)
 * @param accepted      messages the ingest gateway acknowledged
 * @param errors        nacks, failed sends and sends never answered
 * @param errorCodes    errors by code
 * @param delivered     deliveries to sockets (one message × its channel's sockets)
 * @param expected      deliveries that should have happened
 * @param latency       end-to-end latency of measured deliveries, in milliseconds
 * @param stages        the same latency split at the ingest gateway's accept time (see {@code Stages})
 */
public record RunResult(double targetRate, double achievedRate, long sent, long accepted, long errors,
                        Map<String, Long> errorCodes, long delivered, long expected, long duplicates, long gaps,
                        long losses, long outOfOrder, Latency latency, StageLatency stages, List<Point> curve) {

    /** One point of the latency percentile curve. */
    public record Point(double percentile, double latencyMs) {
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(double p50, double p90, double p99, double p999, double max, long count) {
    }

    /** p50 and p99 of one stage, in milliseconds. */
    public record Split(double p50, double p99) {
    }

    /**
     * Where the latency went: to the ingest gateway's accept, then through the pipeline to the socket;
     * within the pipeline, to the processor's numbering ({@code processing}) and from there until a
     * read_committed consumer could see it ({@code commit}: the processor's transaction).
     */
    public record StageLatency(Split ingest, Split pipeline, Split processing, Split commit) {
    }

    /** No duplicate, gap, loss, reordering or error. */
    public boolean clean() {
        return duplicates == 0 && gaps == 0 && losses == 0 && outOfOrder == 0 && errors == 0;
    }
}
