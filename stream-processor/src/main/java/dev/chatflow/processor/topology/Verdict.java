package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.Rejection;
import java.util.Objects;

/**
 * What a step of the topology decided about one record: it goes on as {@code value}, or it is refused
 * with a {@link Rejection}. Lives only between processors of one task (never serialized).
 */
record Verdict<T>(T value, Rejection rejection) {

    Verdict {
        if ((value == null) == (rejection == null)) {
            throw new IllegalArgumentException("a verdict is either a value or a rejection");
        }
    }

    static <T> Verdict<T> accept(T value) {
        return new Verdict<>(Objects.requireNonNull(value), null);
    }

    static <T> Verdict<T> reject(Rejection rejection) {
        return new Verdict<>(null, Objects.requireNonNull(rejection));
    }

    boolean rejected() {
        return rejection != null;
    }
}
