package dev.chatflow.system;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.dev.ServiceLauncher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three services running as {@code ./chatflow dev} runs them — each in its own JVM from its build
 * output, configured only by the environment the local stack hands out — on free ports.
 */
final class RunningChatflow implements AutoCloseable {

    private final ServiceLauncher launcher;
    private final Map<String, URI> urls = new LinkedHashMap<>();

    RunningChatflow(LocalStack stack) {
        Path projectDir = Path.of("..").toAbsolutePath().normalize();
        Map<String, Integer> ports = new LinkedHashMap<>();
        ServiceLauncher.SERVICES.forEach(s -> ports.put(s.name(), LocalStackConfig.freePort()));
        launcher = new ServiceLauncher(projectDir, stack.dataDir().resolve("logs"), stack.serviceEnvironment(), ports);
        List<ServiceLauncher.Running> running = launcher.startAll(Duration.ofSeconds(180));
        running.forEach(r -> urls.put(r.service().name(), URI.create(r.url())));
        if (urls.size() != ServiceLauncher.SERVICES.size()) {
            launcher.stopAll();
            throw new IllegalStateException("not every service is built: " + urls.keySet());
        }
    }

    URI ingest() {
        return urls.get("ingest-gateway");
    }

    URI delivery() {
        return urls.get("delivery-gateway");
    }

    URI processor() {
        return urls.get("stream-processor");
    }

    static URI websocket(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws") + "/ws");
    }

    @Override
    public void close() {
        launcher.stopAll();
    }
}
