package dev.chatflow.delivery.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentWindowTest {

    private static byte[] frame(long seq) {
        return ("m" + seq).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheNewestRunOfConsecutiveSeqsUpToItsCapacity() {
        RecentWindow window = new RecentWindow(5);
        for (long seq = 1; seq <= 12; seq++) {
            window.append(seq, frame(seq));
        }
        assertThat(window.firstSeq()).isEqualTo(8);
        assertThat(window.lastSeq()).isEqualTo(12);
        for (long seq = 8; seq <= 12; seq++) {
            assertThat(window.frame(seq)).isEqualTo(frame(seq));
        }
        assertThat(window.coversFrom(8)).isTrue();
        assertThat(window.coversFrom(7)).isFalse();
        assertThat(window.bytes()).isEqualTo(2 + 2 + 3 + 3 + 3);
    }

    @Test
    void aSeqThatDoesNotFollowStartsANewRun() {
        RecentWindow window = new RecentWindow(100);
        window.append(1, frame(1));
        window.append(2, frame(2));
        window.append(40, frame(40));
        assertThat(window.firstSeq()).isEqualTo(40);
        assertThat(window.coversFrom(2)).isFalse();
        assertThatThrownBy(() -> window.frame(2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsPastItsFirstSlotsWithoutLosingFrames() {
        RecentWindow window = new RecentWindow(1000);
        for (long seq = 500; seq < 1300; seq++) {
            window.append(seq, frame(seq));
        }
        assertThat(window.firstSeq()).isEqualTo(500);
        assertThat(window.frame(500)).isEqualTo(frame(500));
        assertThat(window.frame(1299)).isEqualTo(frame(1299));
    }

    @Test
    void clearFreesItsBytes() {
        RecentWindow window = new RecentWindow(10);
        window.append(1, frame(1));
        assertThat(window.clear()).isEqualTo(2);
        assertThat(window.isEmpty()).isTrue();
        assertThat(window.coversFrom(1)).isFalse();
    }
}
