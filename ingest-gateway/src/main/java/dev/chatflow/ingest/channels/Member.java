package dev.chatflow.ingest.channels;

import java.util.UUID;

/** A member of a channel: {@code {id, username}}. */
public record Member(UUID id, String username) {
}
