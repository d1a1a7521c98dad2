package dev.chatflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Health, metrics, CORS and the error shape of requests that go wrong before any handler. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class OperationsIT {

    private final ApiClient api;

    OperationsIT(TestGateway gateway) {
        this.api = gateway.api();
    }

    @Test
    void healthIsUpWithPostgresAndKafka() {
        ApiClient.Response health = api.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/checks/postgres/status").asText()).isEqualTo("UP");
        assertThat(health.body().at("/checks/kafka/status").asText()).isEqualTo("UP");
    }

    @Test
    void metricsAreInThePrometheusFormat() {
        ApiClient.User user = api.newUser();
        api.postMessage(user.token(), api.newChannel(user.token()), "m1", "hi");

        var metrics = api.get("/metrics").raw();
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("chatflow_ingest_messages_accepted_total", "chatflow_ingest_messages_in_flight",
                "chatflow_ingest_outbox_backlog", "jvm_memory_used_bytes");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405() {
        assertThat(api.get("/api/v1/nothing").errorCode()).isEqualTo("not_found");
        ApiClient.Response wrongMethod = api.sendWithHeaders("PATCH", "/api/v1/channels", null, Map.of());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void malformedJsonIs400AndABodyOverTheLimitIs413() {
        ApiClient.Response malformed = api.post("/api/v1/users", null, "{\"username\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.errorCode()).isEqualTo("malformed_json");
        assertThat(api.post("/api/v1/users", null, "[1,2]").errorCode()).isEqualTo("malformed_json");

        ApiClient.Response huge = api.post("/api/v1/users", null, "{\"username\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.errorCode()).isEqualTo("payload_too_large");
    }

    @Test
    void corsAllowsOnlyTheConfiguredOrigins() {
        ApiClient.Response allowed = api.sendWithHeaders("OPTIONS", "/api/v1/channels", null, Map.of("Origin", TestGateway.ALLOWED_ORIGIN,
                "Access-Control-Request-Method", "POST"));
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TestGateway.ALLOWED_ORIGIN);

        ApiClient.Response other = api.sendWithHeaders("GET", "/health", null, Map.of("Origin", "http://evil.test"));
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }
}
