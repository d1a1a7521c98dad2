package dev.chatflow.delivery.fanout;

import java.util.ArrayList;
import java.util.List;

/**
 * One channel in the gateway's memory: the newest seq read from {@code chat.messages}, the recent window
 * and the subscriptions. Every field is guarded by the object's own lock, which orders what the feed
 * pushes against what a subscription's resume takes: the no-gap, no-duplicate switch happens under it.
 */
final class ChannelState {

    final String channelId;
    final RecentWindow window;
    final List<Subscription> subscriptions = new ArrayList<>();
    /** Newest seq the feed fanned out; 0 when the feed has not seen the channel since start-up. */
    long lastSeq;

    ChannelState(String channelId, int windowMessages) {
        this.channelId = channelId;
        this.window = new RecentWindow(windowMessages);
    }
}
