package dev.chatflow.ingest.channels;

import java.time.Instant;
import java.util.UUID;

/** A created channel: {@code {id, name, createdAt}}. */
public record Channel(UUID id, String name, Instant createdAt) {
}
