package dev.chatflow.bench.run;

import java.time.Duration;

/**
 * What a load run does.
 *
 * @param rate         messages per second, on an open-loop schedule
 * @param duration     measured time
 * @param warmup       time before it, sent and checked but not measured, with the rate ramping up from zero
 * @param sockets      delivery WebSockets
 * @param channels     channels the sockets are spread over (round robin)
 * @param senders      sending users, each with its own connection
 * @param transport    how messages are sent
 * @param messageBytes size of each message's text
 */
public record Params(double rate, Duration duration, Duration warmup, int sockets, int channels, int senders,
                     Transport transport, int messageBytes) {

    /** How the bench sends. */
    public enum Transport {
        WS, HTTP
    }

    public Params {
        if (rate <= 0 || sockets < 1 || channels < 1 || senders < 1 || messageBytes < 16) {
            throw new IllegalArgumentException("rate, sockets, channels and senders must be positive; messages 16 bytes or more");
        }
        if (sockets < channels) {
            throw new IllegalArgumentException("every channel needs a socket: sockets (" + sockets + ") < channels (" + channels + ")");
        }
    }

    public Params withRate(double newRate) {
        return new Params(newRate, duration, warmup, sockets, channels, senders, transport, messageBytes);
    }

    public Params withWarmup(Duration newWarmup) {
        return new Params(rate, duration, newWarmup, sockets, channels, senders, transport, messageBytes);
    }

    /** Messages in the warm-up plus the measured part. */
    public int totalMessages() {
        return warmupMessages() + (int) Math.round(rate * duration.toMillis() / 1000.0);
    }

    /** Messages of the warm-up: its rate climbs linearly from zero to {@code rate}, so half as many as at full rate. */
    public int warmupMessages() {
        return (int) Math.round(rate * warmup.toMillis() / 2000.0);
    }

    /**
     * When message {@code index} is due, in nanoseconds from the start of the run. In the warm-up the
     * rate climbs linearly (message i of the ramp is due at sqrt(2 · warmup · i / rate)): a freshly
     * started system gets time to compile its hot paths and fill its caches before it takes the full
     * rate, so the measured part sees it in its steady state. After the warm-up, one message every
     * 1/rate, whatever happened before (open loop).
     */
    public long dueNanos(int index) {
        double warmupSeconds = warmup.toNanos() / 1e9;
        int ramp = warmupMessages();
        double seconds = index < ramp
                ? Math.sqrt(2 * warmupSeconds * index / rate)
                : warmupSeconds + (index - ramp) / rate;
        return Math.round(seconds * 1e9);
    }
}
