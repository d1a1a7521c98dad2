package dev.chatflow.delivery.fanout;

import dev.chatflow.delivery.frames.OutboundFrames;
import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.schemas.events.ProcessedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The in-memory fan-out: every message the gateway's one consumer of {@code chat.messages} reads is
 * serialized once and pushed to each socket subscribed to its channel. Also the registry of
 * subscriptions, and where a resume ({@code sinceSeq}) is set up so that it joins the live stream with
 * no gap and no duplicate.
 */
public final class ChannelHub {

    /** Limits and helpers of the hub. */
    public record Options(int windowMessages, long windowMaxBytes, int pageSize, Duration catchUpTimeout) {
    }

    private final ConcurrentHashMap<String, ChannelState> channels = new ConcurrentHashMap<>();
    private final Options options;
    private final HistoryReader history;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final DeliveryMetrics metrics;
    private final WindowBudget budget;
    private final CompletableFuture<Void> feedReady = new CompletableFuture<>();

    public ChannelHub(Options options, HistoryReader history, ExecutorService workers,
                      ScheduledExecutorService scheduler, DeliveryMetrics metrics) {
        this.options = options;
        this.history = history;
        this.workers = workers;
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.budget = new WindowBudget(options.windowMaxBytes());
    }

    /**
     * Fans out the channel's next message. Called by the feed thread only, in the order of the channel's
     * partition; a seq the channel already had (a re-published record) is dropped.
     */
    public void publish(ProcessedMessage message) {
        ChannelState channel = channel(message.channelId());
        long seq = message.seq();
        byte[] frame = OutboundFrames.message(message);
        long windowDelta;
        synchronized (channel) {
            if (seq <= channel.lastSeq) {
                return;
            }
            windowDelta = channel.window.append(seq, frame);
            channel.lastSeq = seq;
            Iterator<Subscription> it = channel.subscriptions.iterator();
            while (it.hasNext()) {
                Subscription s = it.next();
                if (!s.offerLive(seq, frame)) {
                    it.remove();
                    s.cancel();
                    metrics.subscriptions.decrementAndGet();
                }
            }
        }
        budget.grew(channel, windowDelta);
    }

    /** The feed read {@code chat.messages} up to where it ended at start-up: resumes may begin. */
    public void feedCaughtUp() {
        feedReady.complete(null);
    }

    public boolean isReady() {
        return feedReady.isDone();
    }

    /** Whether the feed has seen a message of the channel since start-up. */
    public boolean hasSeen(String channelId) {
        ChannelState channel = channels.get(channelId);
        if (channel == null) {
            return false;
        }
        synchronized (channel) {
            return channel.lastSeq > 0;
        }
    }

    /**
     * Subscribes {@code subscriber} to a channel it is a member of. Queues
     * {@code {"type":"subscribed","channelId":…,"lastSeq":M}}, then — with {@code sinceSeq} — every message
     * after it (from the window or Cassandra), then the live ones. Without {@code sinceSeq} the live
     * stream starts after {@code M}. A subscription of the same channel that the subscriber already has is
     * replaced. Completes when the subscription is registered (its backlog may still be on the way).
     */
    public CompletionStage<Void> subscribe(Subscriber subscriber, String channelId, Long sinceSeq) {
        return feedReady.thenApplyAsync(ready -> storedLastSeq(channelId), workers)
                .thenAccept(stored -> register(subscriber, channelId, sinceSeq, stored));
    }

    /** Ends {@code subscriber}'s subscription of the channel, if it has one. */
    public void unsubscribe(Subscriber subscriber, String channelId) {
        ChannelState channel = channels.get(channelId);
        if (channel != null) {
            synchronized (channel) {
                removeLocked(channel, subscriber);
            }
        }
    }

    /**
     * A membership ended: the user's subscriptions of the channel end now, and their sockets are told so.
     * Called by the memberships consumer after its view dropped the membership.
     */
    public void membershipEnded(String channelId, String userId) {
        ChannelState channel = channels.get(channelId);
        if (channel == null) {
            return;
        }
        List<Subscriber> ended = new ArrayList<>();
        synchronized (channel) {
            Iterator<Subscription> it = channel.subscriptions.iterator();
            while (it.hasNext()) {
                Subscription s = it.next();
                if (s.subscriber.userId().equals(userId)) {
                    it.remove();
                    s.cancel();
                    metrics.subscriptions.decrementAndGet();
                    ended.add(s.subscriber);
                }
            }
        }
        ended.forEach(s -> s.subscriptionEnded(channelId, "not_a_member",
                "you are no longer a member of channel " + channelId + "; its subscription ended"));
    }

    /** Bytes the recent windows hold together (for tests and metrics). */
    long windowBytes() {
        return budget.bytes();
    }

    private long storedLastSeq(String channelId) {
        // the feed knows the newest seq of a channel it has seen since start-up; others are asked of Cassandra
        return hasSeen(channelId) ? 0 : history.lastSeq(channelId).orElse(0);
    }

    private void register(Subscriber subscriber, String channelId, Long sinceSeq, long stored) {
        ChannelState channel = channel(channelId);
        synchronized (channel) {
            removeLocked(channel, subscriber);
            long lastSeq = Math.max(stored, channel.lastSeq);
            long cursor = sinceSeq == null ? lastSeq : sinceSeq;
            Subscription subscription = new Subscription(this, channel, subscriber, cursor, stored);
            if (!subscriber.push(OutboundFrames.subscribed(channelId, lastSeq))) {
                return;
            }
            channel.subscriptions.add(subscription);
            metrics.subscriptions.incrementAndGet();
            if (!subscription.startLive()) {
                subscription.startCatchUp();
            }
        }
    }

    private void removeLocked(ChannelState channel, Subscriber subscriber) {
        Iterator<Subscription> it = channel.subscriptions.iterator();
        while (it.hasNext()) {
            Subscription s = it.next();
            if (s.subscriber == subscriber) {
                it.remove();
                s.cancel();
                metrics.subscriptions.decrementAndGet();
            }
        }
    }

    /** Drops a subscription whose resume gave up; false if it was gone already. */
    boolean remove(Subscription subscription) {
        synchronized (subscription.channel) {
            boolean removed = subscription.channel.subscriptions.remove(subscription);
            subscription.cancel();
            if (removed) {
                metrics.subscriptions.decrementAndGet();
            }
            return removed;
        }
    }

    private ChannelState channel(String channelId) {
        return channels.computeIfAbsent(channelId, id -> new ChannelState(id, options.windowMessages()));
    }

    DeliveryMetrics metrics() {
        return metrics;
    }

    HistoryReader history() {
        return history;
    }

    ExecutorService workers() {
        return workers;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int pageSize() {
        return options.pageSize();
    }

    Duration catchUpTimeout() {
        return options.catchUpTimeout();
    }
}
