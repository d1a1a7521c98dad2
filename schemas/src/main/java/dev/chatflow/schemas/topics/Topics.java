package dev.chatflow.schemas.topics;

import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.events.Rejection;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.serde.EventSerde;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of chatflow with their default settings. Partition counts and retention can be changed
 * by configuration through {@link TopicCatalog}; names and formats cannot.
 */
public final class Topics {

    /** What ingest accepted; key = channel id. */
    public static final Topic<String, RawMessage> RAW_MESSAGES = new Topic<>("chat.messages.raw",
            Serdes.String(), EventSerde.of(EventType.RAW_MESSAGE, RawMessage.class), 6,
            CleanupPolicy.DELETE, Duration.ofDays(7));

    /** Processed messages, numbered per channel; key = channel id. */
    public static final Topic<String, ProcessedMessage> MESSAGES = new Topic<>("chat.messages",
            Serdes.String(), EventSerde.of(EventType.PROCESSED_MESSAGE, ProcessedMessage.class), 6,
            CleanupPolicy.DELETE, Duration.ofDays(30));

    /** Rejected raw messages with a reason; key = channel id (or the raw key when there is no channel). */
    public static final Topic<String, Rejection> REJECTED_MESSAGES = new Topic<>("chat.messages.rejected",
            Serdes.String(), EventSerde.of(EventType.REJECTION, Rejection.class), 6,
            CleanupPolicy.DELETE, Duration.ofDays(30));

    /** User profiles; key = user id. */
    public static final Topic<String, UserProfile> USERS = new Topic<>("chat.users",
            Serdes.String(), EventSerde.of(EventType.USER_PROFILE, UserProfile.class), 3,
            CleanupPolicy.COMPACT, null);

    /** Memberships; key = {@code channelId:userId}, tombstone on leave. */
    public static final Topic<String, Membership> MEMBERSHIPS = new Topic<>("chat.memberships",
            Serdes.String(), EventSerde.of(EventType.MEMBERSHIP, Membership.class), 3,
            CleanupPolicy.COMPACT, null);

    private Topics() {
    }

    /** Every topic with its default settings. */
    public static List<Topic<?, ?>> all() {
        return List.of(RAW_MESSAGES, MESSAGES, REJECTED_MESSAGES, USERS, MEMBERSHIPS);
    }
}
