package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveWindowTest {

    private final List<String> calls = new ArrayList<>();
    private final ReceiveWindow window = new ReceiveWindow(4, () -> calls.add("suspend"), () -> calls.add("resume"));

    @Test
    void stopsReadingWhenTheWindowIsFullAndReadsAgainAtHalf() {
        for (int i = 0; i < 3; i++) {
            window.opened();
        }
        assertThat(calls).isEmpty();

        window.opened();
        assertThat(calls).containsExactly("suspend");
        assertThat(window.suspended()).isTrue();

        window.closed();
        assertThat(calls).containsExactly("suspend");
        window.closed();
        assertThat(calls).containsExactly("suspend", "resume");
        assertThat(window.open()).isEqualTo(2);
    }

    @Test
    void suspendsOnlyOnceWhileFull() {
        for (int i = 0; i < 6; i++) {
            window.opened();
        }
        assertThat(calls).containsExactly("suspend");
    }
}
