package dev.chatflow.ingest.intake;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chatflow.ingest.channels.MembershipChanges;
import dev.chatflow.ingest.channels.MembershipStatus;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * The intake's view of who may send where: answers from PostgreSQL, cached, and forgotten the moment
 * this gateway commits a join or leave of that user and channel — so a user who just joined can send at
 * once and one who just left cannot. The time to live bounds how stale an answer can be when another
 * gateway instance made the change. Lookups never block the caller: a miss loads on {@code loader}'s
 * executor.
 */
public final class MembershipCache implements MembershipChanges {

    private record Key(UUID channelId, UUID userId) {
    }

    private final AsyncLoadingCache<Key, MembershipStatus> cache;

    public MembershipCache(BiFunction<UUID, UUID, MembershipStatus> loader, Executor executor, Duration ttl) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(ttl)
                .executor(executor)
                .buildAsync(key -> loader.apply(key.channelId(), key.userId()));
    }

    public CompletableFuture<MembershipStatus> status(UUID channelId, UUID userId) {
        return cache.get(new Key(channelId, userId));
    }

    @Override
    public void changed(UUID channelId, UUID userId) {
        cache.synchronous().invalidate(new Key(channelId, userId));
    }
}
