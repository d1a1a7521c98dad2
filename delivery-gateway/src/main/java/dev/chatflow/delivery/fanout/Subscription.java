package dev.chatflow.delivery.fanout;

import dev.chatflow.delivery.frames.OutboundFrames;
import dev.chatflow.schemas.events.ProcessedMessage;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One socket's subscription of one channel. Its {@code cursor} is the seq of the last message it
 * delivered, and a message is delivered only when its seq is exactly {@code cursor + 1}: no duplicate and
 * no gap can pass, whatever the sources (window, Cassandra, the live feed) overlap.
 *
 * <p>A subscription is either <em>live</em> — the feed thread pushes each new message under the channel's
 * lock — or <em>catching up</em>: the feed skips it and this object, run as a task on a worker thread,
 * delivers what is missing, first from Cassandra (for what lies before the recent window), then from the
 * window, and turns live under the channel's lock once nothing newer than its cursor remains. A backlog
 * goes out only as fast as the client reads it (the outbox's headroom), so a resume never makes a client
 * look slow.
 */
final class Subscription implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(Subscription.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(50);
    private static final Duration MAX_RETRY = Duration.ofSeconds(1);

    final ChannelState channel;
    final Subscriber subscriber;
    private final ChannelHub hub;
    /** Newest seq that Cassandra held at subscription time: catching up must reach it. */
    private final long target;
    /** Last delivered seq. Written by the feed thread while live, by the catch-up task otherwise. */
    private long cursor;
    /** Guarded by the channel's lock. */
    private boolean live;
    private volatile boolean cancelled;
    private long deadlineNanos;
    private Duration retry = FIRST_RETRY;

    Subscription(ChannelHub hub, ChannelState channel, Subscriber subscriber, long cursor, long target) {
        this.hub = hub;
        this.channel = channel;
        this.subscriber = subscriber;
        this.cursor = cursor;
        this.target = target;
    }

    /** Called under the channel's lock: the subscription starts live, or needs its catch-up task. */
    boolean startLive() {
        if (cursor >= Math.max(target, channel.lastSeq)) {
            live = true;
        }
        return live;
    }

    /**
     * The feed's push of the channel's next message, under the channel's lock. Returns false when the
     * subscriber is gone and the subscription should be dropped.
     */
    boolean offerLive(long seq, byte[] frame) {
        if (!live || seq <= cursor) {
            return true;
        }
        if (seq == cursor + 1) {
            if (!subscriber.push(frame)) {
                return false;
            }
            cursor = seq;
            hub.metrics().messagesPushed.increment();
            return true;
        }
        // a gap between the cursor and the feed (the feed read past messages this subscription never saw)
        live = false;
        startCatchUp();
        return true;
    }

    void cancel() {
        cancelled = true;
    }

    /** Schedules the catch-up task; call with the channel's lock held, or before the subscription is shared. */
    void startCatchUp() {
        deadlineNanos = System.nanoTime() + hub.catchUpTimeout().toNanos();
        retry = FIRST_RETRY;
        hub.workers().execute(this);
    }

    /** One round of catching up; reschedules itself until the subscription is live. */
    @Override
    public void run() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            log.error("resume of channel {} for user {} failed", channel.channelId, subscriber.userId(), e);
            end("resume_failed", "the gateway could not resume channel " + channel.channelId + "; subscribe again");
        }
    }

    private void catchUp() {
        if (cancelled) {
            return;
        }
        if (fromWindowOrLive()) {
            return;
        }
        if (!subscriber.hasHeadroom()) {
            subscriber.whenDrained(this::resubmit);
            return;
        }
        List<ProcessedMessage> page;
        try {
            page = hub.history().after(channel.channelId, cursor, hub.pageSize());
        } catch (RuntimeException e) {
            log.warn("reading the history of channel {} failed, retrying: {}", channel.channelId, e.toString());
            page = List.of();
        }
        int delivered = 0;
        boolean outOfRoom = false;
        for (ProcessedMessage m : page) {
            if (cancelled || m.seq() != cursor + 1) {
                break;
            }
            if (!subscriber.hasHeadroom()) {
                outOfRoom = true;
                break;
            }
            if (!subscriber.push(OutboundFrames.message(m))) {
                return;
            }
            cursor = m.seq();
            delivered++;
        }
        if (delivered > 0) {
            hub.metrics().resumedFromCassandra.increment(delivered);
            hub.metrics().messagesPushed.increment(delivered);
            deadlineNanos = System.nanoTime() + hub.catchUpTimeout().toNanos();
            retry = FIRST_RETRY;
            resubmit();
        } else if (outOfRoom) {
            subscriber.whenDrained(this::resubmit);
        } else if (System.nanoTime() > deadlineNanos) {
            // Cassandra still lacks the next message: the sink is behind or down
            end("resume_unavailable", "messages after seq " + cursor + " of channel " + channel.channelId
                    + " are not in the history yet; subscribe again with sinceSeq " + cursor);
        } else {
            hub.scheduler().schedule(this::resubmit, retry.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    /**
     * Under the channel's lock: delivers what the window holds after the cursor and turns live when
     * nothing newer remains. Returns true when this round is over (live, cancelled or waiting for room).
     */
    private boolean fromWindowOrLive() {
        synchronized (channel) {
            if (cancelled) {
                return true;
            }
            int delivered = 0;
            try {
                while (cursor < channel.lastSeq && channel.window.coversFrom(cursor + 1)) {
                    if (!subscriber.hasHeadroom()) {
                        subscriber.whenDrained(this::resubmit);
                        return true;
                    }
                    if (!subscriber.push(channel.window.frame(cursor + 1))) {
                        return true;
                    }
                    cursor++;
                    delivered++;
                }
            } finally {
                hub.metrics().resumedFromWindow.increment(delivered);
                hub.metrics().messagesPushed.increment(delivered);
            }
            return startLive();
        }
    }

    private void resubmit() {
        if (!cancelled) {
            hub.workers().execute(this);
        }
    }

    private void end(String code, String message) {
        if (hub.remove(this)) {
            subscriber.subscriptionEnded(channel.channelId, code, message);
        }
    }
}
