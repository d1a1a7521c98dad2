package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.SocketClient;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.RawMessage;
import dev.chatflow.schemas.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest WebSocket on the real stack: auth frame, send frames, ack and nack. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class WebSocketIntakeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final TestGateway gateway;
    private final ApiClient api;
    private final ApiClient.User alice;
    private final String channel;

    WebSocketIntakeIT(TestGateway gateway) {
        this.gateway = gateway;
        this.api = gateway.api();
        this.alice = api.newUser();
        this.channel = api.newChannel(alice.token());
    }

    @Test
    void aSentMessageIsAckedAfterItIsInChatMessagesRawOnceWithHeaders() {
        String clientMsgId = "ws-" + UUID.randomUUID();
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            JsonNode ack = socket.auth(alice.token()).sendMessage(channel, clientMsgId, "hello over ws").next(WAIT);

            assertThat(ack.get("type").asText()).isEqualTo("ack");
            assertThat(ack.get("clientMsgId").asText()).isEqualTo(clientMsgId);
            List<ConsumerRecord<String, byte[]>> records = HttpIntakeIT.rawRecords(gateway, alice.id(), clientMsgId);
            assertThat(records).hasSize(1);
            HttpIntakeIT.assertCarriesTheContractHeaders(records.get(0));
            assertThat(records.get(0).key()).isEqualTo(channel);
            RawMessage raw = Topics.RAW_MESSAGES.valueSerde().deserializer().deserialize("chat.messages.raw",
                    records.get(0).value());
            assertThat(raw.messageId()).isEqualTo(ack.get("messageId").asText());
            assertThat(raw.text()).isEqualTo("hello over ws");
        }
    }

    @Test
    void pipelinedMessagesAreAllAckedAndKeepTheirOrder() {
        int count = 25;
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            socket.auth(alice.token());
            for (int i = 0; i < count; i++) {
                socket.sendMessage(channel, "seq-" + i, "message " + i);
            }
            List<String> messageIds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                JsonNode frame = socket.next(WAIT);
                assertThat(frame.get("type").asText()).as(frame.toString()).isEqualTo("ack");
                messageIds.add(frame.get("messageId").asText());
            }
            // handed to Kafka in the order sent: the time-ordered messageIds sort in that order too
            assertThat(messageIds).isSorted();
        }
    }

    @Test
    void aResentClientMsgIdGetsTheSameMessageIdOverHttpAndWebSocket() {
        String clientMsgId = "both-" + UUID.randomUUID();
        String overHttp = api.postMessage(alice.token(), channel, clientMsgId, "hi").body().get("messageId").asText();
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            JsonNode ack = socket.auth(alice.token()).sendMessage(channel, clientMsgId, "hi").next(WAIT);
            assertThat(ack.get("messageId").asText()).isEqualTo(overHttp);
        }
    }

    @Test
    void aNonMemberGetsANackNotAMember() {
        ApiClient.User bob = api.newUser();
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            JsonNode nack = socket.auth(bob.token()).sendMessage(channel, "m1", "hi").next(WAIT);
            assertNack(nack, "m1", "not_a_member");

            api.join(bob.token(), channel);
            assertThat(socket.sendMessage(channel, "m2", "hi").next(WAIT).get("type").asText()).isEqualTo("ack");
        }
    }

    @Test
    void everyIntakeErrorIsANackWithItsCode() {
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            socket.auth(alice.token());
            assertNack(socket.sendMessage(UUID.randomUUID().toString(), "m1", "hi").next(WAIT), "m1", "channel_not_found");
            assertNack(socket.sendMessage(channel, "bad id!", "hi").next(WAIT), "bad id!", "invalid_client_msg_id");
            assertNack(socket.sendMessage(channel, "m2", " ").next(WAIT), "m2", "invalid_text");
            assertNack(socket.sendMessage(channel, "m3", "x".repeat(4001)).next(WAIT), "m3", "message_too_large");
            assertNack(socket.send("{\"type\":\"send\",").next(WAIT), null, "malformed_json");
            assertNack(socket.send("{\"type\":\"shout\",\"clientMsgId\":\"m4\"}").next(WAIT), "m4", "unknown_frame_type");
            assertThat(socket.send("{\"type\":\"ping\"}").next(WAIT).get("type").asText()).isEqualTo("pong");
        }
    }

    @Test
    void sendingBeforeAuthenticatingClosesWith4401() {
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            socket.sendMessage(channel, "m1", "hi");
            assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void anInvalidTokenClosesWith4401() {
        try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
            socket.auth(alice.token() + "x");
            assertThat(socket.closeCode(WAIT)).isEqualTo(4401);
        }
    }

    @Test
    void aPlainGetOfTheSocketPathIs400() {
        ApiClient.Response r = api.get("/ws");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("websocket_required");
    }

    private static void assertNack(JsonNode frame, String clientMsgId, String code) {
        assertThat(frame.get("type").asText()).as(frame.toString()).isEqualTo("nack");
        if (clientMsgId == null) {
            assertThat(frame.get("clientMsgId").isNull()).isTrue();
        } else {
            assertThat(frame.get("clientMsgId").asText()).isEqualTo(clientMsgId);
        }
        assertThat(frame.at("/error/code").asText()).isEqualTo(code);
        assertThat(frame.at("/error/message").asText()).isNotBlank();
    }
}
