package dev.chatflow.ingest.accounts;

import java.time.Instant;
import java.util.UUID;

/** A user account as the API shows it: never with its password hash. */
public record Account(UUID id, String username, Instant createdAt) {
}
