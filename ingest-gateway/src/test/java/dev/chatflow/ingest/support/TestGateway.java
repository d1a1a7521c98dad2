package dev.chatflow.ingest.support;

import dev.chatflow.ingest.IngestGateway;
import dev.chatflow.ingest.IngestSettings;
import dev.chatflow.kit.auth.JwtKeys;
import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import dev.chatflow.localstack.LocalStack;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** An ingest gateway running in the test JVM on the local stack, with a client for its API. */
public final class TestGateway implements AutoCloseable {

    /** The send timeout of test gateways: short, so the broker-outage test is quick. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(3);
    public static final String ALLOWED_ORIGIN = "http://app.test";

    private final LocalStack stack;
    private final IngestGateway gateway;
    private final Path dataDir;
    private final ApiClient api;

    private TestGateway(LocalStack stack, IngestGateway gateway, Path dataDir) {
        this.stack = stack;
        this.gateway = gateway;
        this.dataDir = dataDir;
        this.api = new ApiClient("http://127.0.0.1:" + gateway.port());
    }

    /** Starts a gateway on a free port; {@code overrides} are settings by key. */
    public static TestGateway start(LocalStack stack, Map<String, String> overrides) {
        Path dataDir = stack.dataDir().resolve("ingest");
        Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
        Map<String, String> settings = new HashMap<>();
        settings.put("data.dir", dataDir.toString());
        settings.put("http.port", "0");
        settings.put("http.host", "127.0.0.1");
        settings.put("kafka.send.timeout", SEND_TIMEOUT.toMillis() + "ms");
        settings.put("cors.allowed.origins", ALLOWED_ORIGIN);
        settings.put("outbox.poll.interval", "200ms");
        settings.putAll(overrides);
        settings.forEach((key, value) -> environment.put(Setting.envName(key), value));
        return new TestGateway(stack, IngestGateway.start(Config.load(IngestSettings.all(), environment)), dataDir);
    }

    public LocalStack stack() {
        return stack;
    }

    public IngestGateway gateway() {
        return gateway;
    }

    public ApiClient api() {
        return api;
    }

    public String baseUrl() {
        return api.baseUrl();
    }

    public String webSocketUrl() {
        return "ws://127.0.0.1:" + gateway.port() + "/ws";
    }

    /** The dev key pair this gateway signs with (tests mint their own tokens with it). */
    public JwtKeys.Pair keys() {
        return JwtKeys.devKeyPair(dataDir);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
