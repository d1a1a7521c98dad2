package dev.chatflow.ingest.intake;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;

/**
 * A token bucket per user (bucket4j): {@code burst} messages at once, refilled at {@code perSecond}.
 * Buckets of users who stopped sending are dropped after they would have refilled anyway.
 */
public final class RateLimiter {

    private final Cache<String, Bucket> buckets;
    private final Bandwidth bandwidth;
    private final TimeMeter time;

    public RateLimiter(int burst, double perSecond) {
        this(burst, perSecond, TimeMeter.SYSTEM_NANOTIME);
    }

    RateLimiter(int burst, double perSecond, TimeMeter time) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("the rate limit needs a burst of 1 or more and a positive rate, not "
                    + burst + " and " + perSecond);
        }
        Duration perToken = Duration.ofNanos(Math.max(1, Math.round(1_000_000_000d / perSecond)));
        this.bandwidth = Bandwidth.builder().capacity(burst).refillGreedy(1, perToken).build();
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .expireAfterAccess(perToken.multipliedBy(burst).plusMinutes(1))
                .maximumSize(1_000_000)
                .build();
    }

    /** Empty when {@code userId} may send one more message now; otherwise how long until they may. */
    public Optional<Duration> tryAcquire(String userId) {
        ConsumptionProbe probe = buckets.get(userId, id -> Bucket.builder().addLimit(bandwidth)
                .withCustomTimePrecision(time).build()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
}
