package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.SocketClient;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A gateway of its own with a tight limit: two messages, then one per 100 s. */
@ExtendWith(LocalStackExtension.class)
class RateLimitIT {

    private static TestGateway gateway;

    @BeforeAll
    static void start(LocalStack stack) {
        gateway = TestGateway.start(stack, Map.of("rate.limit.burst", "2", "rate.limit.per.second", "0.01"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void overTheLimitHttpIs429WithRetryAfter() {
        ApiClient api = gateway.api();
        ApiClient.User alice = api.newUser();
        String channel = api.newChannel(alice.token());
        assertThat(api.postMessage(alice.token(), channel, "m1", "one").status()).isEqualTo(202);
        assertThat(api.postMessage(alice.token(), channel, "m2", "two").status()).isEqualTo(202);

        ApiClient.Response limited = api.postMessage(alice.token(), channel, "m3", "three");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.errorCode()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(90, 100);
    }

    @Test
    void overTheLimitTheWebSocketNacksRateLimited() {
        ApiClient api = gateway.api();
        ApiClient.User bob = api.newUser();
        String channel = api.newChannel(bob.token());
        try (SocketClient socket = new SocketClient("ws://" + gateway.baseUrl().substring("http://".length()) + "/ws")) {
            socket.auth(bob.token());
            for (int i = 1; i <= 3; i++) {
                socket.sendMessage(channel, "m" + i, "hi");
            }
            // answers overlap: the nack need not wait for the acks before it
            Map<String, JsonNode> answers = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                JsonNode frame = socket.next(Duration.ofSeconds(10));
                answers.put(frame.get("clientMsgId").asText(), frame);
            }
            assertThat(answers.get("m1").get("type").asText()).isEqualTo("ack");
            assertThat(answers.get("m2").get("type").asText()).isEqualTo("ack");
            assertThat(answers.get("m3").get("type").asText()).isEqualTo("nack");
            assertThat(answers.get("m3").at("/error/code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void invalidMessagesDoNotSpendTheBudget() {
        ApiClient api = gateway.api();
        ApiClient.User carol = api.newUser();
        String channel = api.newChannel(carol.token());
        for (int i = 0; i < 3; i++) {
            assertThat(api.postMessage(carol.token(), channel, "bad id!", "hi").status()).isEqualTo(400);
        }
        assertThat(api.postMessage(carol.token(), channel, "ok", "hi").status()).isEqualTo(202);
    }
}
