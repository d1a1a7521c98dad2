package dev.chatflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.SocketClient;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.junit.LocalStackExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the broker stopped a send fails within the send timeout, and the gateway recovers by itself. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class BrokerOutageIT {

    private final TestGateway gateway;

    BrokerOutageIT(TestGateway gateway) {
        this.gateway = gateway;
    }

    @Test
    void aSendFailsWith503WithinTheTimeoutAndWorksAgainWhenTheBrokerIsBack() {
        ApiClient api = gateway.api();
        ApiClient.User alice = api.newUser();
        String channel = api.newChannel(alice.token());
        assertThat(api.postMessage(alice.token(), channel, "before", "hi").status()).isEqualTo(202);
        Duration bound = TestGateway.SEND_TIMEOUT.plusSeconds(2);

        gateway.stack().stopKafka();
        try {
            long started = System.nanoTime();
            ApiClient.Response during = api.postMessage(alice.token(), channel, "during", "hi");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(during.status()).isEqualTo(503);
            assertThat(during.errorCode()).isEqualTo("unavailable");
            assertThat(took).isLessThan(bound);

            try (SocketClient socket = new SocketClient(gateway.webSocketUrl())) {
                long wsStarted = System.nanoTime();
                JsonNode nack = socket.auth(alice.token()).sendMessage(channel, "during-ws", "hi").next(bound);
                assertThat(nack.get("type").asText()).isEqualTo("nack");
                assertThat(nack.at("/error/code").asText()).isEqualTo("unavailable");
                assertThat(Duration.ofNanos(System.nanoTime() - wsStarted)).isLessThan(bound);
            }

            ApiClient.Response health = api.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.body().at("/checks/kafka/status").asText()).isEqualTo("DOWN");
            assertThat(health.body().at("/checks/postgres/status").asText()).isEqualTo("UP");
        } finally {
            gateway.stack().startKafka();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(api.postMessage(alice.token(), channel, "after", "hi").status()).isEqualTo(202));
        assertThat(api.get("/health").status()).isEqualTo(200);
    }
}
