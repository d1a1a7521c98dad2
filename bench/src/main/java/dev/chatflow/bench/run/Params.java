package dev.chatflow.bench.run;

import java.time.Duration;

/**
 * What a load run does.
 *
 * @param rate         messages per second, on an open-loop schedule
 * @param duration     measured time
 * @param warmup       time before it, sent and checked but not measured
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

    /** Messages in the warm-up plus the measured part. */
    public int totalMessages() {
        return (int) Math.round(rate * (duration.toMillis() + warmup.toMillis()) / 1000.0);
    }

    public int warmupMessages() {
        return (int) Math.round(rate * warmup.toMillis() / 1000.0);
    }
}
