package dev.chatflow.ingest.sessions;

import java.time.Instant;

/** A login's answer: {@code {token, tokenType:"Bearer", expiresAt, user:{id, username}}}. */
public record Session(String token, String tokenType, Instant expiresAt, User user) {

    /** The user a session is for. */
    public record User(String id, String username) {
    }
}
