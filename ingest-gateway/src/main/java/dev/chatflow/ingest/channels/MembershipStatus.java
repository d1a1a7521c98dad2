package dev.chatflow.ingest.channels;

/** Where a user stands with a channel: the two checks that every channel call and every send makes. */
public enum MembershipStatus {
    NO_SUCH_CHANNEL,
    NOT_A_MEMBER,
    MEMBER
}
