package dev.chatflow.schemas;

import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.events.ReplyPreview;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.events.UserRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** One valid sample of every event, as a test would write it. */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-12-03T12:00:00.123Z");
    public static final UserRef ALICE = new UserRef("8f0c6c1e-0d7e-4a53-9a55-1f1f7f4b2a01", "alice");
    public static final UserRef BOB = new UserRef("2b7e1516-28ae-4d2a-8f6a-3c4d5e6f7a8b", "bob");
    public static final String CHANNEL = "c0ffee00-0000-4000-8000-000000000001";

    private Samples() {
    }

    public static RawMessage raw() {
        return RawMessage.of("01938a2e-7c3f-7cde-8a11-2b3c4d5e6f70", CHANNEL, ALICE, "m-1",
                "hi @bob, see ñ", 40L, T0);
    }

    public static ProcessedMessage processed() {
        return ProcessedMessage.of(CHANNEL, 42, "01938a2e-7c3f-7cde-8a11-2b3c4d5e6f70", "m-1", ALICE,
                "hi @bob", List.of(BOB), 40L, new ReplyPreview(40L, BOB, "first words"), T0,
                T0.plusMillis(7));
    }

    public static Rejection rejection() {
        return Rejection.of(RejectionReason.MALFORMED_JSON, "not JSON", null, null,
                Rejection.Original.of("chat.messages.raw", 2, 17L, CHANNEL,
                        "{oops".getBytes(StandardCharsets.UTF_8)), T0);
    }

    public static UserProfile user() {
        return UserProfile.of(ALICE.id(), ALICE.username(), T0);
    }

    public static Membership membership() {
        return Membership.of(CHANNEL, ALICE.id(), T0);
    }

    /** The sample of {@code type}. */
    public static Object of(EventType type) {
        return switch (type) {
            case RAW_MESSAGE -> raw();
            case PROCESSED_MESSAGE -> processed();
            case REJECTION -> rejection();
            case USER_PROFILE -> user();
            case MEMBERSHIP -> membership();
        };
    }
}
