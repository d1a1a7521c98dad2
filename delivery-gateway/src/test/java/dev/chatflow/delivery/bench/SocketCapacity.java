package dev.chatflow.delivery.bench;

import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures how many sockets one gateway holds in a 512 MB heap (a command, not a test): starts Kafka and
 * Cassandra, runs the gateway's {@code Main} in its own JVM with {@code -Xmx512m}, opens
 * {@code bench.sockets} authenticated sockets from this JVM, each subscribed to one of
 * {@code bench.channels} channels, pushes {@code bench.messages} messages to every channel, checks that
 * every socket got every one, and prints the gateway's heap after a full GC.
 *
 * <p>Run: {@code ./mvnw -q -B -pl delivery-gateway -am verify -Pbench -DskipTests
 * -Dbench.main=dev.chatflow.delivery.bench.SocketCapacity -Dbench.sockets=10000}
 */
public final class SocketCapacity {

    private static final Pattern HEAP_USED = Pattern.compile(
            "jvm_memory_used_bytes\\{area=\"heap\",id=\"[^\"]+\",service=\"delivery-gateway\"} ([0-9.E]+)");

    private SocketCapacity() {
    }

    public static void main(String[] args) throws Exception {
        int sockets = Integer.getInteger("bench.sockets", 10_000);
        int channels = Integer.getInteger("bench.channels", 100);
        int messages = Integer.getInteger("bench.messages", 20);
        System.out.printf("socket capacity: %d sockets over %d channels, %d messages per channel, gateway -Xmx512m%n",
                sockets, channels, messages);
        Path dataDir = Path.of(System.getProperty("bench.target", "target"), "bench-stack").toAbsolutePath();
        try (LocalStack stack = LocalStack.start(LocalStackConfig.forTests(dataDir, EnumSet.of(Server.KAFKA, Server.CASSANDRA),
                "unused"));
             Pipeline pipeline = new Pipeline(stack)) {
            try (GatewayProcess gateway = GatewayProcess.start(stack, dataDir)) {
                run(pipeline, gateway, sockets, channels, messages);
            }
        }
        System.exit(0);
    }

    private static void run(Pipeline pipeline, GatewayProcess gateway, int sockets, int channels, int messages)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> channelIds = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            channelIds.add(UUID.randomUUID().toString());
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (int i = 0; i < sockets; i++) {
            members.computeIfAbsent(channelIds.get(i % channels), k -> new ArrayList<>()).add("cap-" + i);
        }
        members.forEach(pipeline::joinAll);

        long opening = System.nanoTime();
        URI ws = gateway.ws();
        Semaphore inFlight = new Semaphore(64);
        AtomicLong subscribed = new AtomicLong();
        List<Counter> counters = new ArrayList<>();
        List<CompletableFuture<WebSocket>> opened = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            String channel = channelIds.get(i % channels);
            String user = "cap-" + i;
            Counter counter = new Counter(subscribed, inFlight);
            counters.add(counter);
            inFlight.acquire();
            opened.add(http.newWebSocketBuilder().buildAsync(ws, counter).thenCompose(socket ->
                    socket.sendText("{\"type\":\"auth\",\"token\":\"" + TestTokens.token(user, user) + "\"}", true))
                    .thenCompose(socket -> socket.sendText("{\"type\":\"subscribe\",\"channelId\":\"" + channel + "\"}", true)));
        }
        CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (subscribed.get() < sockets && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100); // a command, not a test
        }
        System.out.printf("%d sockets subscribed in %.1f s%n", subscribed.get(), (System.nanoTime() - opening) / 1e9);

        for (int m = 0; m < messages; m++) {
            for (String channel : channelIds) {
                pipeline.produce(pipeline.next(channel, 1, 200));
            }
        }
        long expected = (long) messages;
        deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (counters.stream().anyMatch(c -> c.messages.get() < expected) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        long complete = counters.stream().filter(c -> c.messages.get() == expected && c.inOrder).count();
        System.out.printf("%d of %d sockets received all %d messages of their channel, in order, once%n", complete,
                sockets, messages);

        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(gateway.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start().waitFor(60, TimeUnit.SECONDS);
        String metrics = gateway.metrics();
        double heap = 0;
        Matcher matcher = HEAP_USED.matcher(metrics);
        while (matcher.find()) {
            heap += Double.parseDouble(matcher.group(1));
        }
        String connections = metrics.lines().filter(l -> l.startsWith("delivery_connections")).findFirst().orElse("?");
        System.out.printf("gateway after a full GC: heap used %.0f MB of 512 MB; %s; process RSS %s%n", heap / (1 << 20),
                connections, rss(gateway.pid()));
    }

    private static String rss(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS")).map(l -> l.replaceAll("\\s+", " ")).findFirst().orElse("?");
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** Counts one socket's message frames and checks their order. */
    private static final class Counter implements WebSocket.Listener {
        final AtomicLong messages = new AtomicLong();
        final AtomicLong subscribed;
        final Semaphore inFlight;
        final StringBuilder partial = new StringBuilder();
        long lastSeq = -1;
        boolean inOrder = true;

        Counter(AtomicLong subscribed, Semaphore inFlight) {
            this.subscribed = subscribed;
            this.inFlight = inFlight;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.startsWith("{\"type\":\"message\"")) {
                    int s = frame.indexOf("\"seq\":");
                    long seq = Long.parseLong(frame, s + 6, frame.indexOf(',', s + 6), 10);
                    inOrder &= lastSeq < 0 ? seq == 1 : seq == lastSeq + 1;
                    lastSeq = seq;
                    messages.incrementAndGet();
                } else if (frame.startsWith("{\"type\":\"subscribed\"")) {
                    subscribed.incrementAndGet();
                    inFlight.release();
                } else {
                    System.out.println("unexpected frame: " + frame);
                    inFlight.release();
                }
            }
            webSocket.request(1);
            return null;
        }

    }
}
