package dev.chatflow.processor.topology;

import dev.chatflow.schemas.events.RawMessage;

/** A candidate that got its place in the channel. */
record Sequenced(RawMessage message, long seq) {
}
