package dev.chatflow.localstack.dev;

import dev.chatflow.localstack.StackStartException;
import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.localstack.process.RuntimeClasspath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts chatflow's services for the dev run, each in its own JVM (tied to this one by the parent
 * watchdog), from the classes and classpath that the build left in each module's {@code target/}.
 */
public final class ServiceLauncher {

    /** A chatflow service as the dev run knows it. */
    public record Service(String name, String module, String mainClass, int defaultPort) {

        /** Present when the build produced its main class and its runtime classpath. */
        boolean isBuilt(Path projectDir) {
            Path target = projectDir.resolve(module).resolve("target");
            return Files.exists(target.resolve("classes").resolve(mainClass.replace('.', '/') + ".class"))
                    && Files.exists(target.resolve("runtime.classpath"));
        }
    }

    /** Every service of chatflow; the dev run starts those that exist in the build so far. */
    public static final List<Service> SERVICES = List.of(
            new Service("ingest-gateway", "ingest-gateway", "dev.chatflow.ingest.Main", 8080),
            new Service("delivery-gateway", "delivery-gateway", "dev.chatflow.delivery.Main", 8081),
            new Service("stream-processor", "stream-processor", "dev.chatflow.processor.Main", 8082));

    /** The variable each service reads its HTTP port from. */
    public static final String ENV_HTTP_PORT = "CHATFLOW_HTTP_PORT";

    private final Path projectDir;
    private final Path logDir;
    private final Map<String, String> environment;
    private final Map<String, Integer> ports;
    private final List<Running> running = new ArrayList<>();

    /** A started service. */
    public record Running(Service service, int port, ChildProcess process) {
        public String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /** Services on their default ports (8080, 8081, 8082). */
    public ServiceLauncher(Path projectDir, Path logDir, Map<String, String> environment) {
        this(projectDir, logDir, environment, Map.of());
    }

    /**
     * @param environment what every service gets (where the servers are)
     * @param ports       HTTP port by service name, for services that must not take their default
     */
    public ServiceLauncher(Path projectDir, Path logDir, Map<String, String> environment, Map<String, Integer> ports) {
        this.projectDir = projectDir;
        this.logDir = logDir;
        this.environment = Map.copyOf(environment);
        this.ports = Map.copyOf(ports);
    }

    /** The services whose build output exists. */
    public List<Service> builtServices() {
        return SERVICES.stream().filter(s -> s.isBuilt(projectDir)).toList();
    }

    /** Starts every built service and waits for each one's {@code GET /health} to answer 200. */
    public List<Running> startAll(Duration timeout) {
        for (Service service : builtServices()) {
            int port = ports.getOrDefault(service.name(), service.defaultPort());
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put(ENV_HTTP_PORT, Integer.toString(port));
            Path target = projectDir.resolve(service.module()).resolve("target");
            List<Path> classpath = new ArrayList<>();
            classpath.add(target.resolve("classes"));
            classpath.addAll(readClasspath(target.resolve("runtime.classpath")));
            ChildProcess process = ChildProcess.start(new ChildProcess.Spec(service.name(), classpath,
                    service.mainClass(), List.of("-Xmx512m"), List.of(), env,
                    logDir.resolve(service.name() + ".log")));
            running.add(new Running(service, port, process));
        }
        for (Running r : running) {
            awaitHealthy(r, timeout);
        }
        return List.copyOf(running);
    }

    /** Stops the services, last started first. */
    public void stopAll() {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).process().stop(Duration.ofSeconds(30));
        }
        running.clear();
    }

    private static void awaitHealthy(Running r, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(r.url() + "/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!r.process().isAlive()) {
                throw new StackStartException(r.service().name() + " exited with code " + r.process().exitCode()
                        + " during start-up; log: " + r.process().logFile() + "\n" + r.process().logTail(30));
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "GET /health answered " + response.statusCode() + ": " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + r.service().name());
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("interrupted while waiting for " + r.service().name());
            }
        }
        throw new StackStartException(r.service().name() + " did not become healthy within "
                + timeout.toSeconds() + " s (" + last + "); log: " + r.process().logFile());
    }

    private static List<Path> readClasspath(Path file) {
        try {
            return RuntimeClasspath.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
