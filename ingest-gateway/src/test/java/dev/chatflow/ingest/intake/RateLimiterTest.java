package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    /** A clock the test moves. */
    private static final class ManualTime implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }

    private final ManualTime time = new ManualTime();
    private final RateLimiter limiter = new RateLimiter(3, 2.0, time);

    @Test
    void allowsTheBurstThenRefusesWithTheWaitUntilTheNextToken() {
        assertThat(limiter.tryAcquire("alice")).isEmpty();
        assertThat(limiter.tryAcquire("alice")).isEmpty();
        assertThat(limiter.tryAcquire("alice")).isEmpty();

        assertThat(limiter.tryAcquire("alice")).hasValue(Duration.ofMillis(500));
    }

    @Test
    void refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("alice");
        }
        time.nanos += Duration.ofMillis(500).toNanos();
        assertThat(limiter.tryAcquire("alice")).isEmpty();
        assertThat(limiter.tryAcquire("alice")).isPresent();
    }

    @Test
    void eachUserHasTheirOwnBucket() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("alice");
        }
        assertThat(limiter.tryAcquire("alice")).isPresent();
        assertThat(limiter.tryAcquire("bob")).isEmpty();
    }
}
