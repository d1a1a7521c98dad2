package dev.chatflow.ingest.channels;

import java.time.Instant;
import java.util.UUID;

/** A channel in the list, seen by one user: {@code {id, name, joined, memberCount, createdAt}}. */
public record ChannelSummary(UUID id, String name, boolean joined, int memberCount, Instant createdAt) {
}
