package dev.chatflow.processor.sink;

import dev.chatflow.kit.http.HealthCheck;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Cassandra sink is doing, for {@code /health} and {@code /metrics}: its state, how far it is
 * behind {@code chat.messages}, and how many messages it wrote, could not write, or had to skip.
 */
public final class SinkStatus {

    /** The sink's life. */
    public enum State { STARTING, RUNNING, RETRYING, STOPPED }

    private volatile State state = State.STARTING;
    private volatile Instant since = Instant.now();
    private volatile String lastError;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong lag = new AtomicLong(-1);

    public State state() {
        return state;
    }

    /** Messages written to Cassandra (a message written again after a retry counts again). */
    public long written() {
        return written.get();
    }

    /** Writes that failed and are being retried. */
    public long failedWrites() {
        return failedWrites.get();
    }

    /** Records on {@code chat.messages} that are not a message and can never be written. */
    public long skipped() {
        return skipped.get();
    }

    /** Records of the assigned partitions not yet written; -1 until known. */
    public long lag() {
        return lag.get();
    }

    void running() {
        if (state != State.RUNNING) {
            state = State.RUNNING;
            since = Instant.now();
            lastError = null;
        }
    }

    void retrying(String error) {
        failedWrites.incrementAndGet();
        lastError = error;
        if (state != State.RETRYING) {
            state = State.RETRYING;
            since = Instant.now();
        }
    }

    void stopped(String error) {
        lastError = error;
        state = State.STOPPED;
        since = Instant.now();
    }

    void wrote(int count) {
        written.addAndGet(count);
    }

    void skippedOne() {
        skipped.incrementAndGet();
    }

    void lag(long records) {
        lag.set(records);
    }

    /** {@code sink}: UP while starting or writing, DOWN while writes fail or after it stopped. */
    public HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "cassandra-sink";
            }

            @Override
            public void check() {
                State s = state;
                if (s == State.RETRYING || s == State.STOPPED) {
                    throw new IllegalStateException(s.name().toLowerCase(Locale.ROOT) + " since " + since
                            + ": " + lastError);
                }
            }
        };
    }

    /** Registers the sink's meters. */
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("chatflow.sink.lag", lag, AtomicLong::get).baseUnit("records")
                .description("records of chat.messages not yet written to Cassandra (-1: unknown)").register(registry);
        FunctionCounter.builder("chatflow.sink.written", written, AtomicLong::get).baseUnit("messages")
                .description("messages written to Cassandra").register(registry);
        FunctionCounter.builder("chatflow.sink.write.failures", failedWrites, AtomicLong::get)
                .description("failed Cassandra writes (retried)").register(registry);
        FunctionCounter.builder("chatflow.sink.skipped", skipped, AtomicLong::get).baseUnit("records")
                .description("records of chat.messages that are not a message").register(registry);
        for (State s : State.values()) {
            Gauge.builder("chatflow.sink.state", this, status -> status.state == s ? 1 : 0).tag("state", s.name())
                    .description("1 for the sink's current state").register(registry);
        }
    }
}
