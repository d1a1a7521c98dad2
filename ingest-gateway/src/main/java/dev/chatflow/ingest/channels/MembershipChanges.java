package dev.chatflow.ingest.channels;

import java.util.UUID;

/** Told after a membership change committed (e.g. so the intake's membership cache forgets the old answer). */
@FunctionalInterface
public interface MembershipChanges {

    void changed(UUID channelId, UUID userId);
}
