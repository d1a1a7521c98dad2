package dev.chatflow.delivery.sockets;

import static dev.chatflow.delivery.support.WsClient.oneTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.support.Gateways;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.delivery.support.WsClient;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may connect and subscribe: the token, the memberships of chat.memberships, and leaving. */
@ExtendWith(LocalStackExtension.class)
class AccessIT {

    private static Pipeline pipeline;
    private static DeliveryGateway gateway;

    @BeforeAll
    static void start(LocalStack stack) {
        pipeline = new Pipeline(stack);
        gateway = Gateways.start(stack, Map.of("delivery.socket.auth-timeout", "1s",
                "delivery.socket.ping-interval", "250ms"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pipeline.close();
    }

    @Test
    void tokenSignedByAnotherKeyIsClosedWith4401() {
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.foreignToken("u-mallory", "mallory"))) {
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void expiredTokenIsClosedWith4401() {
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.expiredToken("u-old", "old"))) {
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void subscribingBeforeAuthenticatingIsClosedWith4401() {
        try (WsClient client = WsClient.connect(Gateways.ws(gateway)).subscribe(UUID.randomUUID().toString())) {
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void socketThatNeverAuthenticatesIsClosedWith4401AfterTheAuthTimeout() {
        try (WsClient client = WsClient.connect(Gateways.ws(gateway))) {
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void bearerHeaderOnTheHandshakeAuthenticatesWithoutAnAuthFrame() {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-hank");
        try (WsClient client = WsClient.connect(Gateways.ws(gateway), TestTokens.token("u-hank", "hank")).subscribe(channel)) {
            client.awaitSubscribed(channel);
            pipeline.publish(channel, 3);
            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() == 3);
        }
    }

    @Test
    void badBearerHeaderIsClosedWith4401() {
        try (WsClient client = WsClient.connect(Gateways.ws(gateway), TestTokens.foreignToken("u-eve", "eve"))) {
            assertThat(client.awaitClose()).isEqualTo(4401);
        }
    }

    @Test
    void nonMemberIsRefusedWithAnErrorFrameAndClose4403() {
        String channel = UUID.randomUUID().toString();
        pipeline.join(channel, "u-member");
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-outsider", "outsider"))
                .subscribe(channel)) {
            assertThat(client.awaitClose()).isEqualTo(4403);
            JsonNode error = client.awaitFrame(f -> f.path("type").asText().equals("error"));
            assertThat(error.get("error").get("code").asText()).isEqualTo("not_a_member");
            assertThat(error.get("channelId").asText()).isEqualTo(channel);
        }
    }

    @Test
    void unknownChannelIsAnErrorFrameAndTheSocketStaysOpen() {
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-ivy", "ivy"))
                .subscribe("no-such-" + UUID.randomUUID())) {
            JsonNode error = client.awaitFrame(f -> f.path("type").asText().equals("error"));
            assertThat(error.get("error").get("code").asText()).isEqualTo("channel_not_found");
            client.roundTrip();
            assertThat(client.isClosed()).isFalse();
        }
    }

    @Test
    void memberWhoJustJoinedIsNotRefused() {
        // each round joins and subscribes at once: the view may not have read the join yet, and must catch up
        for (int round = 0; round < 20; round++) {
            String channel = UUID.randomUUID().toString();
            String user = "u-" + UUID.randomUUID();
            pipeline.join(channel, user);
            try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token(user, "joiner"))
                    .subscribe(channel)) {
                assertThat(client.awaitSubscribed(channel).get("lastSeq").asLong()).isZero();
                assertThat(client.isClosed()).isFalse();
            }
        }
    }

    @Test
    void memberWhoLeavesStopsReceivingThatChannelButKeepsTheOthers() {
        String left = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        pipeline.join(left, "u-jo");
        pipeline.join(kept, "u-jo");
        pipeline.join(left, "u-stay");
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-jo", "jo"))
                .subscribe(left).subscribe(kept);
             WsClient witness = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-stay", "stay"))
                     .subscribe(left)) {
            client.awaitSubscribed(left);
            client.awaitSubscribed(kept);
            witness.awaitSubscribed(left);
            pipeline.publish(left, 3);
            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(left).size() == 3);

            pipeline.leave(left, "u-jo");
            JsonNode ended = client.awaitFrame(f -> f.path("type").asText().equals("error"));
            pipeline.publish(left, 3);
            pipeline.publish(kept, 3);

            assertThat(ended.get("error").get("code").asText()).isEqualTo("not_a_member");
            assertThat(ended.get("channelId").asText()).isEqualTo(left);
            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(kept).size() == 3 && witness.seqs(left).size() == 6);
            client.roundTrip();
            assertThat(client.seqs(left)).containsExactlyElementsOf(oneTo(3));
        }
    }

    @Test
    void malformedFrameAfterAuthIsAnErrorFrame() {
        try (WsClient client = WsClient.authenticated(Gateways.ws(gateway), TestTokens.token("u-kim", "kim"))) {
            client.sendText("{not json");
            client.send(Map.of("type", "dance"));
            client.send(Map.of("type", "subscribe"));
            client.roundTrip();
            assertThat(client.frames().stream().filter(f -> f.path("type").asText().equals("error"))
                    .map(f -> f.get("error").get("code").asText()))
                    .containsExactly("malformed_frame", "unknown_frame_type", "invalid_frame");
        }
    }
}
