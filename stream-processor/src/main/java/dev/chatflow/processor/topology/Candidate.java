package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RawMessage;

/**
 * A raw message that passed validation, with its text normalized, on its way to be numbered. The
 * original value bytes travel along so that a later rejection can still quote them verbatim.
 */
record Candidate(RawMessage message, byte[] originalValue) {
}
