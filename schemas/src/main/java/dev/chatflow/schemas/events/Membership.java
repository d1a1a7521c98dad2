package dev.chatflow.schemas.events;

import java.time.Instant;

/**
 * A user's membership of a channel: value of the compacted {@code chat.memberships}, key
 * {@link #key(String, String) channelId:userId}; leaving writes a tombstone (null value) for the key.
 */
public record Membership(Integer schemaVersion, String channelId, String userId, Instant joinedAt) {

    public Membership {
        Contract.requireVersion(schemaVersion, EventType.MEMBERSHIP);
        Contract.requireText(channelId, "channelId");
        Contract.requireText(userId, "userId");
        Contract.require(joinedAt, "joinedAt");
    }

    public static Membership of(String channelId, String userId, Instant joinedAt) {
        return new Membership(EventType.MEMBERSHIP.currentVersion(), channelId, userId, joinedAt);
    }

    /** The record key of a membership. */
    public static String key(String channelId, String userId) {
        return channelId + ":" + userId;
    }

    public String key() {
        return key(channelId, userId);
    }
}
