package dev.chatflow.delivery.bench;

import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.process.ChildProcess;
import dev.chatflow.localstack.process.RuntimeClasspath;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.concurrent.TimeUnit;

/**
 * The gateway as deployed, for the benchmarks: its {@code Main} in a JVM of its own with a 512 MB heap,
 * configured through the environment like docker-compose does, on the classes and runtime classpath the
 * build left in {@code target/}.
 */
final class GatewayProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ChildProcess process;
    private final int port;

    private GatewayProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static GatewayProcess start(LocalStack stack, Path dataDir) throws Exception {
        Path target = Path.of(System.getProperty("bench.target", "target")).toAbsolutePath();
        List<Path> classpath = new ArrayList<>();
        classpath.add(target.resolve("classes"));
        classpath.addAll(RuntimeClasspath.parse(Files.readString(target.resolve("runtime.classpath"), StandardCharsets.UTF_8)));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>(stack.serviceEnvironment());
        env.put("CHATFLOW_HTTP_PORT", Integer.toString(port));
        env.put("CHATFLOW_JWT_PUBLIC_KEY", TestTokens.publicKeyPem());
        env.put("CHATFLOW_DATA_DIR", dataDir.resolve("gateway").toString());
        ChildProcess process = ChildProcess.start(new ChildProcess.Spec("delivery-gateway", classpath,
                "dev.chatflow.delivery.Main", List.of("-Xmx512m", "-Xms512m"), List.of(), env,
                dataDir.resolve("delivery-gateway.log")));
        GatewayProcess gateway = new GatewayProcess(process, port);
        gateway.awaitHealthy();
        return gateway;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    URI ws() {
        return URI.create("ws://127.0.0.1:" + port + "/ws");
    }

    String metrics() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** The value of a meter without labels other than the service, e.g. {@code delivery_messages_pushed_total}. */
    double meter(String name) throws IOException, InterruptedException {
        return metrics().lines().filter(l -> l.startsWith(name + "{")).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(Double.NaN);
    }

    private void awaitHealthy() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(3)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited:\n" + process.logTail(40));
            }
            try {
                if (HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250); // a command, not a test
        }
        throw new IllegalStateException("the gateway did not become healthy; log " + process.logFile());
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(30));
    }
}
