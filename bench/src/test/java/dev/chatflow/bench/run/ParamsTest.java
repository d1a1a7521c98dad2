package dev.chatflow.bench.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ParamsTest {

    private static Params params(double rate, Duration duration, Duration warmup) {
        return new Params(rate, duration, warmup, 10, 2, 1, Params.Transport.WS, 100);
    }

    @Test
    void theWarmUpRampsUpSoItHoldsHalfTheMessagesOfFullRate() {
        Params p = params(1000, Duration.ofSeconds(30), Duration.ofSeconds(10));
        assertEquals(5_000, p.warmupMessages());
        assertEquals(35_000, p.totalMessages());
    }

    @Test
    void afterTheRampMessagesAreOneOverRateApartAndTheRampEndsOnTime() {
        Params p = params(1000, Duration.ofSeconds(30), Duration.ofSeconds(10));
        int ramp = p.warmupMessages();
        assertEquals(10_000_000_000L, p.dueNanos(ramp));
        assertEquals(1_000_000L, p.dueNanos(ramp + 1) - p.dueNanos(ramp));
        assertEquals(40_000_000_000L, p.dueNanos(p.totalMessages()), 1_000);
    }

    @Test
    void inTheRampTheGapsShrinkAndTheScheduleNeverGoesBackwards() {
        Params p = params(500, Duration.ofSeconds(5), Duration.ofSeconds(4));
        long previousGap = Long.MAX_VALUE;
        for (int i = 1; i < p.warmupMessages(); i++) {
            long gap = p.dueNanos(i) - p.dueNanos(i - 1);
            assertTrue(gap > 0 && gap <= previousGap, "gap at " + i + ": " + gap);
            previousGap = gap;
        }
        // halfway through the ramp's time a quarter of its messages are out: the rate is climbing
        long half = p.dueNanos(p.warmupMessages() / 4);
        assertEquals(2_000_000_000L, half, 5_000_000);
    }

    @Test
    void withoutWarmUpTheFirstMessageIsDueAtOnce() {
        Params p = params(200, Duration.ofSeconds(1), Duration.ZERO);
        assertEquals(0, p.warmupMessages());
        assertEquals(0, p.dueNanos(0));
        assertEquals(5_000_000L, p.dueNanos(1));
    }
}
