package dev.chatflow.delivery.sockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {

    /** A transport that completes sends only when told to, like a socket whose peer reads slowly. */
    private static final class HeldTransport implements Outbox.Transport {
        final List<byte[]> handed = new ArrayList<>();
        final List<String> written = new ArrayList<>();
        Outbox outbox;

        @Override
        public void send(byte[] frame, Outbox box) {
            outbox = box;
            handed.add(frame);
        }

        void writeOne() {
            byte[] frame = handed.remove(0);
            written.add(new String(frame, StandardCharsets.UTF_8));
            outbox.sent(frame);
        }
    }

    private static byte[] frame(int i) {
        return ("frame-" + i).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void framesLeaveInOfferOrderWithAtMostSixteenInFlight() {
        HeldTransport transport = new HeldTransport();
        Outbox outbox = new Outbox(transport, 100, 1 << 20, () -> { });
        for (int i = 0; i < 40; i++) {
            assertThat(outbox.offer(frame(i))).isTrue();
        }
        assertThat(transport.handed).hasSize(Outbox.MAX_IN_FLIGHT);
        while (!transport.handed.isEmpty()) {
            transport.writeOne();
        }
        assertThat(transport.written).hasSize(40);
        for (int i = 0; i < 40; i++) {
            assertThat(transport.written.get(i)).isEqualTo("frame-" + i);
        }
    }

    @Test
    void aClientThatFallsBehindMoreThanTheFrameLimitOverflowsOnceAndIsRefusedAfter() {
        HeldTransport transport = new HeldTransport();
        AtomicInteger overflows = new AtomicInteger();
        Outbox outbox = new Outbox(transport, 10, 1 << 20, overflows::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertThat(outbox.offer(frame(i))).isTrue();
        }
        assertThat(outbox.offer(frame(10))).isFalse();
        assertThat(outbox.offer(frame(11))).isFalse();
        assertThat(overflows).hasValue(1);
        assertThat(outbox.isClosed()).isTrue();
    }

    @Test
    void theByteLimitCountsToo() {
        AtomicInteger overflows = new AtomicInteger();
        Outbox outbox = new Outbox(new HeldTransport(), 1000, 4096, overflows::incrementAndGet);
        assertThat(outbox.offer(new byte[3000])).isTrue();
        assertThat(outbox.offer(new byte[2000])).isFalse();
        assertThat(overflows).hasValue(1);
    }

    @Test
    void aTransportThatCompletesOnTheCallingThreadKeepsTheOrder() {
        List<String> written = new ArrayList<>();
        Outbox outbox = new Outbox((frame, box) -> {
            written.add(new String(frame, StandardCharsets.UTF_8));
            box.sent(frame);
        }, 8, 1 << 20, () -> { });
        for (int i = 0; i < 100; i++) {
            assertThat(outbox.offer(frame(i))).isTrue();
        }
        assertThat(written).hasSize(100).startsWith("frame-0", "frame-1").endsWith("frame-99");
    }

    @Test
    void backlogHeadroomIsHalfASmallQueueAndDrainedWaitersRunAtHalfThat() {
        HeldTransport transport = new HeldTransport();
        Outbox outbox = new Outbox(transport, 40, 1 << 20, () -> { });
        for (int i = 0; i < 20; i++) {
            outbox.offer(frame(i));
        }
        assertThat(outbox.hasHeadroom()).isFalse();
        AtomicInteger drained = new AtomicInteger();
        outbox.whenDrained(drained::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            transport.writeOne();
        }
        assertThat(drained).hasValue(1);
        assertThat(outbox.hasHeadroom()).isTrue();
    }

    @Test
    void backlogHeadroomOfALargeQueueIsCapped() {
        Outbox outbox = new Outbox(new HeldTransport(), 8192, 4 << 20, () -> { });
        for (int i = 0; i < Outbox.BACKLOG_FRAMES - 1; i++) {
            outbox.offer(frame(i));
        }
        assertThat(outbox.hasHeadroom()).isTrue();
        outbox.offer(frame(-1));
        assertThat(outbox.hasHeadroom()).isFalse();
        for (int i = 0; i < 4000; i++) {
            assertThat(outbox.offer(frame(i))).isTrue(); // live frames still fit
        }
    }

    @Test
    void finishSendsWhatIsQueuedThenRunsTheCloseAndRefusesMore() {
        HeldTransport transport = new HeldTransport();
        Outbox outbox = new Outbox(transport, 100, 1 << 20, () -> { });
        for (int i = 0; i < 20; i++) {
            outbox.offer(frame(i));
        }
        AtomicInteger closed = new AtomicInteger();
        outbox.finish(closed::incrementAndGet);
        assertThat(outbox.offer(frame(99))).isFalse();
        while (!transport.handed.isEmpty()) {
            assertThat(closed).hasValue(0);
            transport.writeOne();
        }
        assertThat(transport.written).hasSize(20);
        assertThat(closed).hasValue(1);
    }
}
