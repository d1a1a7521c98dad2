package dev.chatflow.kit.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {

    @Test
    void closesLastFirstAndGoesOnPastAPartThatFails() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.add(() -> closed.add("first"));
        closer.add(() -> {
            closed.add("second");
            throw new IllegalStateException("broken");
        });
        closer.add(() -> closed.add("third"));

        closer.close();
        closer.close(); // nothing is closed twice

        assertThat(closed).containsExactly("third", "second", "first");
    }
}
