package dev.chatflow.schemas.events;

import java.time.Instant;

/** A user's public profile: value of the compacted {@code chat.users}, key = user id. */
public record UserProfile(Integer schemaVersion, String id, String username, Instant createdAt) {

    public UserProfile {
        Contract.requireVersion(schemaVersion, EventType.USER_PROFILE);
        Contract.requireText(id, "id");
        Contract.requireText(username, "username");
        Contract.require(createdAt, "createdAt");
    }

    public static UserProfile of(String id, String username, Instant createdAt) {
        return new UserProfile(EventType.USER_PROFILE.currentVersion(), id, username, createdAt);
    }

    public UserRef ref() {
        return new UserRef(id, username);
    }
}
