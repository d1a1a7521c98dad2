package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.ingest.support.TopicRecords;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.json.Json;
import dev.chatflow.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code POST /api/v1/channels/{id}/messages} on the real stack: every outcome and every error code. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class HttpIntakeIT {

    private final TestGateway gateway;
    private final ApiClient api;
    private final ApiClient.User alice;
    private final String channel;

    HttpIntakeIT(TestGateway gateway) {
        this.gateway = gateway;
        this.api = gateway.api();
        this.alice = api.newUser();
        this.channel = api.newChannel(alice.token());
    }

    static List<ConsumerRecord<String, byte[]>> rawRecords(TestGateway gateway, String senderId, String clientMsgId) {
        return TopicRecords.readAll(gateway.stack().kafkaBootstrapServers(), Topics.RAW_MESSAGES.name()).stream()
                .filter(r -> {
                    String json = new String(r.value(), StandardCharsets.UTF_8);
                    return json.contains("\"clientMsgId\":\"" + clientMsgId + "\"") && json.contains(senderId);
                }).toList();
    }

    static void assertCarriesTheContractHeaders(ConsumerRecord<String, byte[]> record) {
        assertThat(new String(record.headers().lastHeader(EventType.HEADER_EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("chat.message.raw");
        assertThat(new String(record.headers().lastHeader(EventType.HEADER_SCHEMA_VERSION).value(), StandardCharsets.UTF_8))
                .isEqualTo("1");
    }

    @Test
    void anAcceptedMessageIsInChatMessagesRawOnceWithHeaders() throws Exception {
        String clientMsgId = "http-" + UUID.randomUUID();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ApiClient.Response r = api.postMessage(alice.token(), channel, clientMsgId, "  hello, \"world\" ");

        assertThat(r.status()).isEqualTo(202);
        assertThat(r.body().get("channelId").asText()).isEqualTo(channel);
        assertThat(r.body().get("clientMsgId").asText()).isEqualTo(clientMsgId);
        String messageId = r.body().get("messageId").asText();
        assertThat(UUID.fromString(messageId).version()).isEqualTo(7);

        List<ConsumerRecord<String, byte[]>> records = rawRecords(gateway, alice.id(), clientMsgId);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.get(0);
        assertThat(record.key()).isEqualTo(channel);
        assertCarriesTheContractHeaders(record);
        assertThat(Json.mapper().readTree(record.value()).get("text").asText()).isEqualTo("hello, \"world\"");
        RawMessage raw = Topics.RAW_MESSAGES.valueSerde().deserializer().deserialize("chat.messages.raw", record.value());
        assertThat(raw.messageId()).isEqualTo(messageId);
        assertThat(raw.sender().id()).isEqualTo(alice.id());
        assertThat(raw.sender().username()).isEqualTo(alice.username());
        assertThat(raw.receivedAt()).isBetween(before, Instant.now()).isEqualTo(raw.receivedAt().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aReplyToIsCarriedAlong() {
        String clientMsgId = "reply-" + UUID.randomUUID();
        String body = Json.mapper().createObjectNode().put("clientMsgId", clientMsgId).put("text", "yes").put("replyTo", 3)
                .toString();

        assertThat(api.postMessage(alice.token(), channel, body).status()).isEqualTo(202);

        RawMessage raw = Topics.RAW_MESSAGES.valueSerde().deserializer().deserialize("chat.messages.raw",
                rawRecords(gateway, alice.id(), clientMsgId).get(0).value());
        assertThat(raw.replyTo()).isEqualTo(3L);
    }

    @Test
    void aResentClientMsgIdGetsTheSameMessageId() {
        String clientMsgId = "again-" + UUID.randomUUID();
        String first = api.postMessage(alice.token(), channel, clientMsgId, "once").body().get("messageId").asText();

        ApiClient.Response second = api.postMessage(alice.token(), channel, clientMsgId, "once");

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.body().get("messageId").asText()).isEqualTo(first);
    }

    @Test
    void aNonMemberIsRefusedWith403() {
        ApiClient.User bob = api.newUser();
        String clientMsgId = "intruder-" + UUID.randomUUID();

        ApiClient.Response r = api.postMessage(bob.token(), channel, clientMsgId, "let me in");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("not_a_member");
        assertThat(rawRecords(gateway, bob.id(), clientMsgId)).isEmpty();
    }

    @Test
    void aUserWhoJoinsCanPostAtOnceAndOneWhoLeavesCannot() {
        ApiClient.User bob = api.newUser();
        assertThat(api.postMessage(bob.token(), channel, "before", "hi").status()).isEqualTo(403);

        api.join(bob.token(), channel);
        assertThat(api.postMessage(bob.token(), channel, "joined", "hi").status()).isEqualTo(202);

        api.leave(bob.token(), channel);
        assertThat(api.postMessage(bob.token(), channel, "left", "hi").status()).isEqualTo(403);
    }

    @Test
    void aMissingChannelIs404() {
        for (String missing : new String[] {UUID.randomUUID().toString(), "general"}) {
            ApiClient.Response r = api.postMessage(alice.token(), missing, "m1", "hi");
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.errorCode()).isEqualTo("channel_not_found");
        }
    }

    @Test
    void withoutATokenIs401() {
        ApiClient.Response r = api.postMessage(null, channel, "m1", "hi");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("unauthorized");
    }

    @Test
    void invalidFieldsAre400() {
        assertThat(api.postMessage(alice.token(), channel, "bad id!", "hi").errorCode()).isEqualTo("invalid_client_msg_id");
        assertThat(api.postMessage(alice.token(), channel, "m1", "   ").errorCode()).isEqualTo("invalid_text");
        ApiClient.Response badReply = api.postMessage(alice.token(), channel,
                "{\"clientMsgId\":\"m1\",\"text\":\"hi\",\"replyTo\":-1}");
        assertThat(badReply.status()).isEqualTo(400);
        assertThat(badReply.errorCode()).isEqualTo("invalid_reply_to");
        ApiClient.Response malformed = api.postMessage(alice.token(), channel, "{\"clientMsgId\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("malformed_json");
    }

    @Test
    void textOverTheLimitIs413() {
        ApiClient.Response r = api.postMessage(alice.token(), channel, "long", "x".repeat(4001));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.errorCode()).isEqualTo("message_too_large");
        assertThat(api.postMessage(alice.token(), channel, "longest", "x".repeat(4000)).status()).isEqualTo(202);
    }

    @Test
    void theChecksRunInTheContractsOrder() {
        ApiClient.User bob = api.newUser();
        // a non-member with an invalid message hears 403, not 400; a missing channel wins over both
        assertThat(api.postMessage(bob.token(), channel, "bad id!", "").errorCode()).isEqualTo("not_a_member");
        assertThat(api.postMessage(bob.token(), UUID.randomUUID().toString(), "bad id!", "").errorCode())
                .isEqualTo("channel_not_found");
        assertThat(api.postMessage(null, UUID.randomUUID().toString(), "bad id!", "").errorCode())
                .isEqualTo("unauthorized");
    }

    @Test
    void concurrentSendsWithinTheBurstAreAllAcknowledged() throws Exception {
        var results = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        List<Thread> senders = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String clientMsgId = "concurrent-" + i;
            Thread sender = new Thread(() -> results.add(api.postMessage(alice.token(), channel, clientMsgId, "hi").status()));
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(results).hasSize(20).containsOnly(202);
    }
}
