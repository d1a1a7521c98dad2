package dev.chatflow.ingest.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.f4b6a3.uuid.UuidCreator;
import java.time.Duration;

/**
 * Remembers the messageId given to each (channel, sender, clientMsgId) for a while, so that a client
 * that sends a message again — after a timeout, a reconnect — gets the same messageId back. Beyond the
 * window (or the size bound) a re-send gets a new id; the stream processor still drops it as a duplicate.
 */
public final class ResendMemory {

    private record Key(String channelId, String senderId, String clientMsgId) {
    }

    private final Cache<Key, String> ids;

    public ResendMemory(Duration window, long maxEntries) {
        this.ids = Caffeine.newBuilder().expireAfterWrite(window).maximumSize(maxEntries).build();
    }

    /** The messageId of this message: the remembered one, or a new time-ordered UUIDv7. */
    public String messageId(String channelId, String senderId, String clientMsgId) {
        return ids.get(new Key(channelId, senderId, clientMsgId), key -> UuidCreator.getTimeOrderedEpoch().toString());
    }
}
