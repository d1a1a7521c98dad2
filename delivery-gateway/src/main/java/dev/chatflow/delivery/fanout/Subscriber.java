package dev.chatflow.delivery.fanout;

/** A socket as the fan-out sees it: where a subscription's frames go. Implementations never block. */
public interface Subscriber {

    /** The authenticated user; a membership that ends ends this user's subscriptions of that channel. */
    String userId();

    /** Queues a frame; false when the subscriber is gone (closed, or too slow and being closed). */
    boolean push(byte[] frame);

    /** Whether a resume's backlog may be queued now without crowding out live frames. */
    boolean hasHeadroom();

    /** Runs {@code task} once the outgoing queue has drained enough for more backlog. */
    void whenDrained(Runnable task);

    /** The hub ended a subscription of {@code channelId} (left the channel, resume impossible): tell the client. */
    void subscriptionEnded(String channelId, String code, String message);
}
