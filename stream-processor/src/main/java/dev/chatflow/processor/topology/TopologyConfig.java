package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RawMessage;
import java.time.Duration;
import java.util.Objects;

/**
 * What the topology's rules depend on. Nothing here reads a clock: the de-duplication window is
 * measured in record timestamps, so a reprocess of the same input decides the same way.
 *
 * @param maxTextLength           longest accepted text after normalization, in code points (at most the
 *                                contract's {@link RawMessage#MAX_TEXT_LENGTH})
 * @param dedupeWindow            how long (in record time) a (channel, sender, clientMsgId) is remembered
 * @param replyPreviewsPerChannel how many of a channel's latest messages keep a reply preview; a reply to
 *                                an older message keeps its {@code replyTo} but carries no preview
 * @param listener                told about accepted, duplicate and rejected messages (metrics)
 */
public record TopologyConfig(int maxTextLength, Duration dedupeWindow, int replyPreviewsPerChannel,
                             TopologyListener listener) {

    public static final int DEFAULT_REPLY_PREVIEWS_PER_CHANNEL = 1_000;
    public static final Duration DEFAULT_DEDUPE_WINDOW = Duration.ofHours(24);

    public TopologyConfig {
        if (maxTextLength < 1 || maxTextLength > RawMessage.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the text limit must be 1 to " + RawMessage.MAX_TEXT_LENGTH
                    + " characters, not " + maxTextLength);
        }
        Objects.requireNonNull(dedupeWindow, "dedupeWindow");
        if (dedupeWindow.toMillis() < 1) {
            throw new IllegalArgumentException("the de-duplication window must be positive, not " + dedupeWindow);
        }
        if (replyPreviewsPerChannel < 1) {
            throw new IllegalArgumentException("at least one reply preview per channel must be kept, not "
                    + replyPreviewsPerChannel);
        }
        Objects.requireNonNull(listener, "listener");
    }

    /** The contract's defaults: 4000 characters, a 24 h window, 1000 previews per channel, no listener. */
    public static TopologyConfig defaults() {
        return new TopologyConfig(RawMessage.MAX_TEXT_LENGTH, DEFAULT_DEDUPE_WINDOW,
                DEFAULT_REPLY_PREVIEWS_PER_CHANNEL, TopologyListener.NONE);
    }

    public TopologyConfig withListener(TopologyListener newListener) {
        return new TopologyConfig(maxTextLength, dedupeWindow, replyPreviewsPerChannel, newListener);
    }

    public TopologyConfig withDedupeWindow(Duration window) {
        return new TopologyConfig(maxTextLength, window, replyPreviewsPerChannel, listener);
    }

    public TopologyConfig withMaxTextLength(int max) {
        return new TopologyConfig(max, dedupeWindow, replyPreviewsPerChannel, listener);
    }

    public TopologyConfig withReplyPreviewsPerChannel(int count) {
        return new TopologyConfig(maxTextLength, dedupeWindow, count, listener);
    }
}
