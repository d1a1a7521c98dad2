package dev.chatflow.ingest.intake;

/** What the sender hears once Kafka acknowledged the message: {@code {channelId, clientMsgId, messageId}}. */
public record Accepted(String channelId, String clientMsgId, String messageId) {
}
