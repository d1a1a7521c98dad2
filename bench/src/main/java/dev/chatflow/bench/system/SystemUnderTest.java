package dev.chatflow.bench.system;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import dev.chatflow.localstack.dev.ServiceLauncher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chatflow the bench drives: one it starts itself (a clean local stack on free ports plus the three
 * services, as {@code ./chatflow dev} runs them), or one already running at given addresses.
 */
public final class SystemUnderTest implements AutoCloseable {

    private final URI ingest;
    private final URI delivery;
    private final String bootstrapServers;
    private final Map<String, URI> services;
    private final LocalStack stack;
    private final ServiceLauncher launcher;

    private SystemUnderTest(URI ingest, URI delivery, String bootstrapServers, Map<String, URI> services,
                            LocalStack stack, ServiceLauncher launcher) {
        this.ingest = ingest;
        this.delivery = delivery;
        this.bootstrapServers = bootstrapServers;
        this.services = Map.copyOf(services);
        this.stack = stack;
        this.launcher = launcher;
    }

    /** A system already running. */
    public static SystemUnderTest external(URI ingest, URI delivery, URI processor, String bootstrapServers) {
        Map<String, URI> services = new LinkedHashMap<>();
        services.put("ingest-gateway", ingest);
        services.put("delivery-gateway", delivery);
        if (processor != null) {
            services.put("stream-processor", processor);
        }
        return new SystemUnderTest(ingest, delivery, bootstrapServers, services, null, null);
    }

    /**
     * Starts a clean local stack in {@code dataDir} on free ports and every service built in
     * {@code projectDir}, with {@code serviceEnvironment} added to what the services get.
     */
    public static SystemUnderTest start(Path projectDir, Path dataDir, Map<String, String> serviceEnvironment) {
        LocalStack stack = LocalStack.start(LocalStackConfig.forTests(dataDir, EnumSet.allOf(Server.class), "chatflow_bench"));
        try {
            Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment());
            env.putAll(serviceEnvironment);
            Map<String, Integer> ports = new LinkedHashMap<>();
            ServiceLauncher.SERVICES.forEach(s -> ports.put(s.name(), LocalStackConfig.freePort()));
            ServiceLauncher launcher = new ServiceLauncher(projectDir, dataDir.resolve("logs"), env, ports);
            List<ServiceLauncher.Running> running = launcher.startAll(Duration.ofSeconds(180));
            if (running.size() < ServiceLauncher.SERVICES.size()) {
                launcher.stopAll();
                throw new IllegalStateException("the bench needs all three services built; found "
                        + running.stream().map(r -> r.service().name()).toList() + " in " + projectDir
                        + " (run ./chatflow build)");
            }
            Map<String, URI> services = new LinkedHashMap<>();
            running.forEach(r -> services.put(r.service().name(), URI.create(r.url())));
            return new SystemUnderTest(services.get("ingest-gateway"), services.get("delivery-gateway"),
                    stack.kafkaBootstrapServers(), services, stack, launcher);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public URI ingestUrl() {
        return ingest;
    }

    public URI ingestWsUrl() {
        return websocket(ingest);
    }

    public URI deliveryWsUrl() {
        return websocket(delivery);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Base URL of each service, by name. */
    public Map<String, URI> services() {
        return services;
    }

    private static URI websocket(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws");
    }

    @Override
    public void close() {
        if (launcher != null) {
            launcher.stopAll();
        }
        if (stack != null) {
            stack.close();
        }
    }
}
