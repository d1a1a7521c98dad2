package dev.chatflow.delivery.support;

import static org.awaitility.Awaitility.await;

import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.DeliverySettings;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Delivery gateways on the local stack, in the test JVM, on free ports, with the test key. */
public final class Gateways {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Gateways() {
    }

    /** The configuration of a gateway on {@code stack}, with {@code overrides}. */
    public static Config config(LocalStack stack, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put(DeliverySettings.HTTP_PORT.key(), "0");
        values.put(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.key(), stack.kafkaBootstrapServers());
        values.put(CommonSettings.CASSANDRA_CONTACT_POINTS.key(), "127.0.0.1:" + stack.cassandraContactPoint().getPort());
        values.put(CommonSettings.CASSANDRA_LOCAL_DATACENTER.key(), stack.cassandraLocalDatacenter());
        values.put(CommonSettings.JWT_PUBLIC_KEY.key(), TestTokens.publicKeyPem());
        values.put(CommonSettings.DATA_DIR.key(), stack.dataDir().resolve("delivery-gateway").toString());
        values.putAll(overrides);
        return Config.of(DeliverySettings.all(), values);
    }

    /** Starts a gateway and waits until its health check passes (it has read its topics up to their end). */
    public static DeliveryGateway start(LocalStack stack, Map<String, String> overrides) {
        DeliveryGateway gateway = DeliveryGateway.start(config(stack, overrides));
        await().atMost(Duration.ofSeconds(60)).until(() -> get(gateway, "/health").statusCode() == 200);
        return gateway;
    }

    public static DeliveryGateway start(LocalStack stack) {
        return start(stack, Map.of());
    }

    public static URI ws(DeliveryGateway gateway) {
        return URI.create("ws://127.0.0.1:" + gateway.port() + "/ws");
    }

    public static HttpResponse<String> get(DeliveryGateway gateway, String path) throws Exception {
        return get(gateway, path, null);
    }

    public static HttpResponse<String> get(DeliveryGateway gateway, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
