package dev.chatflow.ingest.intake;

import java.util.concurrent.CompletableFuture;

/**
 * A message on its way through the intake.
 *
 * @param handedOff completes once the message is with the Kafka producer, or failed before that: a
 *                  sender that waits for it before it submits the next message keeps its messages in order
 * @param outcome   completes with the acknowledgement, or fails with the {@code ApiException} to answer
 */
public record Submission(CompletableFuture<Void> handedOff, CompletableFuture<Accepted> outcome) {
}
