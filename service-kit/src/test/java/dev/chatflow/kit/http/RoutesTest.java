package dev.chatflow.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.schemas.json.Json;
import io.undertow.Undertow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The error shape holds for every way a request can go wrong, on a real Undertow server. */
class RoutesTest {

    private Undertow server;
    private String base;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        Routes routes = new Routes()
                .add("GET", "/ok", exchange -> Responses.json(exchange, 200, Map.of("ok", true)))
                .addBlocking("POST", "/echo", exchange -> {
                    JsonNode body = JsonBody.readObject(exchange, 100);
                    Responses.json(exchange, 200, Map.of("name", JsonBody.requiredString(body, "name", "invalid_name")));
                })
                .addBlocking("GET", "/boom", exchange -> {
                    throw new IllegalStateException("secret internals");
                })
                .add("GET", "/teapot", exchange -> {
                    throw new ApiException(429, "rate_limited", "slow down", Map.of("Retry-After", "3"));
                })
                .add("GET", "/health", new io.undertow.server.handlers.BlockingHandler(new HealthHandler(List.of(
                        new HealthCheck() {
                            public String name() {
                                return "db";
                            }

                            public void check() {
                                throw new IllegalStateException("connection refused");
                            }
                        }))));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1")
                .setHandler(new CorsHandler(Set.of("http://app.test"), routes.handler())).build();
        server.start();
        var address = (java.net.InetSocketAddress) server.getListenerInfo().get(0).getAddress();
        base = "http://127.0.0.1:" + address.getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode error(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return Json.mapper().readTree(response.body()).get("error");
    }

    @Test
    void unknownRouteIs404NotFound() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/nope")));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(error(r).get("code").asText()).isEqualTo("not_found");
    }

    @Test
    void wrongMethodIs405() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/ok")).DELETE());
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(error(r).get("code").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void malformedJsonIs400() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/echo")).POST(HttpRequest.BodyPublishers.ofString("{\"name\":")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("code").asText()).isEqualTo("malformed_json");
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + "x".repeat(500) + "\"}")));
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(error(r).get("code").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void missingFieldUsesTheGivenCode() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/echo")).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r).get("code").asText()).isEqualTo("invalid_name");
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/boom")));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(error(r).get("code").asText()).isEqualTo("internal_error");
        assertThat(r.body()).doesNotContain("secret internals").doesNotContain("at dev.chatflow");
    }

    @Test
    void apiExceptionKeepsStatusCodeAndHeaders() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/teapot")));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).contains("3");
        assertThat(error(r).get("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    void failingHealthCheckIs503WithItsReason() throws Exception {
        var r = send(HttpRequest.newBuilder(URI.create(base + "/health")));
        assertThat(r.statusCode()).isEqualTo(503);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("DOWN");
        assertThat(body.at("/checks/db/detail").asText()).isEqualTo("connection refused");
    }

    @Test
    void corsHeadersOnlyForAllowedOrigins() throws Exception {
        var allowed = send(HttpRequest.newBuilder(URI.create(base + "/ok")).header("Origin", "http://app.test"));
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.test");
        var other = send(HttpRequest.newBuilder(URI.create(base + "/ok")).header("Origin", "http://evil.test"));
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        var preflight = send(HttpRequest.newBuilder(URI.create(base + "/echo")).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://app.test").header("Access-Control-Request-Method", "POST"));
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(v -> assertThat(v).contains("Authorization"));
    }
}
