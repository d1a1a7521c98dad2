package dev.chatflow.bench.run;

import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * One run at a fixed rate, open loop: message i is due at its time on the schedule of
 * {@link Params#dueNanos} (a ramp through the warm-up, then {@code 1 / rate} apart) whatever happened to
 * the ones before, and its latency is measured from that due time — so a stall shows up in the
 * latency of every message it delayed (no coordinated omission). Afterwards it waits for the answers
 * and deliveries still under way, then checks every socket for duplicates, gaps and losses.
 */
public final class LoadRun {

    /** Concurrent HTTP sends; beyond it the schedule's latency accounting absorbs the wait. */
    private static final int HTTP_IN_FLIGHT = 256;

    private final Fleet fleet;
    private final Params params;
    private final PrintStream out;

    private final Duration drain;

    /** @param drain how long to wait after the last send for answers and deliveries still under way */
    public LoadRun(Fleet fleet, Params params, Duration drain, PrintStream out) {
        this.fleet = fleet;
        this.params = params;
        this.drain = drain;
        this.out = out;
    }

    public RunResult run(Injection injection) throws InterruptedException {
        String tag = "b" + UUID.randomUUID().toString().substring(0, 8);
        RunState state = new RunState(tag, params.totalMessages(), params.warmupMessages(), fleet.channelIds.size());
        fleet.senders.forEach(s -> s.run = state);
        for (int i = 0; i < fleet.receivers.size(); i++) {
            fleet.receivers.get(i).startRun(state, i == 0 ? injection : Injection.NONE);
        }
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        Semaphore httpSlots = new Semaphore(HTTP_IN_FLIGHT);
        try (CommitProbe probe = CommitProbe.start(fleet.bootstrapServers, state)) {
            long start = System.nanoTime() + 100_000_000L;
            progress.scheduleAtFixedRate(() -> printProgress(state, start), 1, 1, TimeUnit.SECONDS);
            for (int i = 0; i < state.total; i++) {
                long due = start + params.dueNanos(i);
                waitUntil(due);
                state.scheduledNanos[i] = due;
                int channel = i % fleet.channelIds.size();
                state.channelOf[i] = channel;
                send(state, i, channel, fleet.senders.get(i % fleet.senders.size()), httpSlots);
            }
            long sendEnd = System.nanoTime();
            awaitAnswers(state);
            awaitDeliveries(state);
            RunResult result = result(state, start, sendEnd, probe);
            fleet.senders.forEach(s -> s.run = null);
            fleet.receivers.forEach(r -> r.run = null);
            return result;
        } finally {
            progress.shutdownNow();
        }
    }

    private void send(RunState state, int index, int channel, Fleet.Sender sender, Semaphore httpSlots)
            throws InterruptedException {
        String channelId = fleet.channelIds.get(channel);
        String clientMsgId = state.clientMsgId(index);
        String text = text(index);
        state.sent.incrementAndGet();
        if (params.transport() == Params.Transport.WS) {
            sender.socket.send(Map.of("type", "send", "channelId", channelId, "clientMsgId", clientMsgId, "text", text))
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            state.failed(index, "send_failed");
                        }
                    });
            return;
        }
        httpSlots.acquire();
        fleet.http.sendAsync(fleet.api.postMessage(sender.session, channelId, clientMsgId, text),
                        HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, failure) -> {
                    httpSlots.release();
                    if (failure != null) {
                        state.failed(index, "send_failed");
                    } else if (response.statusCode() == 202) {
                        state.accepted(index);
                    } else {
                        state.failed(index, "http_" + response.statusCode());
                    }
                });
    }

    private String text(int index) {
        StringBuilder text = new StringBuilder(params.messageBytes()).append("bench message ").append(index).append(' ');
        while (text.length() < params.messageBytes()) {
            text.append('x');
        }
        return text.toString();
    }

    private void awaitAnswers(RunState state) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (state.pending() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
        }
        state.timeOutPending();
    }

    private void awaitDeliveries(RunState state) {
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && !allDelivered(state)) {
            LockSupport.parkNanos(100_000_000L);
        }
    }

    private boolean allDelivered(RunState state) {
        for (Fleet.Receiver r : fleet.receivers) {
            if (!r.ledger.hasAll(state.acceptedIn(r.channel))) {
                return false;
            }
        }
        return true;
    }

    private RunResult result(RunState state, long start, long sendEnd, CommitProbe probe) {
        state.drainInterval();
        Histogram h = state.latencyTotal;
        long duplicates = 0;
        long gaps = 0;
        long losses = 0;
        long outOfOrder = 0;
        long delivered = 0;
        long expected = 0;
        for (Fleet.Receiver r : fleet.receivers) {
            var acceptedHere = state.acceptedIn(r.channel);
            duplicates += r.ledger.duplicates();
            gaps += r.ledger.gaps();
            losses += r.ledger.losses(acceptedHere);
            outOfOrder += r.ledger.outOfOrder();
            delivered += r.ledger.delivered();
            expected += acceptedHere.cardinality();
        }
        double measuredSeconds = Math.max(1e-9, (sendEnd - start) / 1e9 - params.warmup().toMillis() / 1000.0);
        Map<String, Long> codes = new LinkedHashMap<>();
        state.errorCodes.forEach((code, n) -> codes.put(code, n.sum()));
        return new RunResult(params.rate(), state.acceptedMeasured.get() / measuredSeconds, state.sent.get(),
                state.accepted.get(), state.failed.get(), codes, delivered, expected, duplicates, gaps, losses,
                outOfOrder, new RunResult.Latency(ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), h.getTotalCount()),
                state.stages.summary(probe), curve(h));
    }

    private static List<RunResult.Point> curve(Histogram h) {
        List<RunResult.Point> points = new ArrayList<>();
        if (h.getTotalCount() > 0) {
            for (HistogramIterationValue v : h.percentiles(5)) {
                points.add(new RunResult.Point(v.getPercentileLevelIteratedTo(), ms(v.getValueIteratedTo())));
            }
        }
        return points;
    }

    private void printProgress(RunState state, long start) {
        Histogram interval = state.drainInterval();
        double elapsed = (System.nanoTime() - start) / 1e9;
        out.printf("  t=%5.1fs  sent %7d  accepted %7d (%6.0f/s)  p99 %7.1f ms (last s %7.1f ms)  errors %d  pending %d%n",
                elapsed, state.sent.get(), state.accepted.get(), state.accepted.get() / Math.max(elapsed, 1e-9),
                ms(state.latencyTotal.getValueAtPercentile(99)), ms(interval.getValueAtPercentile(99)),
                state.failed.get(), state.pending());
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    private static void waitUntil(long due) {
        long remaining;
        while ((remaining = due - System.nanoTime()) > 0) {
            if (remaining > 200_000) {
                LockSupport.parkNanos(remaining - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
