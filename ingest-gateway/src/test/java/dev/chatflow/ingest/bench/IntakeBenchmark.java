package dev.chatflow.ingest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Accepted messages per second through the ingest gateway, on a local stack of its own (real Kafka and
 * PostgreSQL, this machine only): one WebSocket sender that pipelines its sends, and 50 concurrent HTTP
 * senders that each wait for one answer before the next request. Every message counts only once Kafka
 * acknowledged it. Not a test: run it by hand (README, "Benchmark").
 *
 * <p>Arguments: {@code [wsMessages] [httpMessagesPerSender]}, default 20000 and 200.
 */
public final class IntakeBenchmark {

    private static final int HTTP_SENDERS = 50;

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int wsMessages = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int httpPerSender = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        LocalStackConfig config = LocalStackConfig.forTests(Path.of("target", "bench-stack").toAbsolutePath(),
                EnumSet.of(Server.KAFKA, Server.POSTGRES), "chatflow_bench");
        System.out.println("starting the local stack (Kafka, PostgreSQL) ...");
        try (LocalStack stack = LocalStack.start(config);
             TestGateway gateway = TestGateway.start(stack, Map.of("rate.limit.burst", "100000000",
                     "rate.limit.per.second", "100000000", "kafka.send.timeout", "10s"))) {
            ApiClient api = gateway.api();
            ApiClient.User sender = api.newUser();
            String channel = api.newChannel(sender.token());

            webSocket(gateway, sender, channel, Math.max(1, wsMessages / 10), "warm-up");
            Result ws = webSocket(gateway, sender, channel, wsMessages, "ws");
            http(gateway, sender, channel, Math.max(1, httpPerSender / 10), "warm-up");
            Result http = http(gateway, sender, channel, httpPerSender, "http");

            System.out.printf("%nmachine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            System.out.println("one WebSocket sender (pipelined, window 256): " + ws);
            System.out.println(HTTP_SENDERS + " concurrent HTTP senders (one request at a time each): " + http);
        }
    }

    /** What a run measured. */
    private record Result(int accepted, int refused, Duration elapsed, Histogram latency) {
        @Override
        public String toString() {
            return String.format("%d accepted (%d refused) in %.2f s = %.0f msg/s; latency p50 %.1f ms, p99 %.1f ms",
                    accepted, refused, elapsed.toNanos() / 1e9, accepted / (elapsed.toNanos() / 1e9),
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3);
        }
    }

    private static Result webSocket(TestGateway gateway, ApiClient.User sender, String channel, int count, String tag)
            throws Exception {
        long[] sentAt = new long[count];
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch answered = new CountDownLatch(count);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(gateway.webSocketUrl()), new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            JsonNode frame = read(partial.toString());
                            partial.setLength(0);
                            int index = Integer.parseInt(frame.get("clientMsgId").asText().substring(tag.length() + 1));
                            latency.recordValue((System.nanoTime() - sentAt[index]) / 1_000);
                            (frame.get("type").asText().equals("ack") ? accepted : refused).incrementAndGet();
                            answered.countDown();
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        socket.sendText(Json.mapper().createObjectNode().put("type", "auth").put("token", sender.token()).toString(), true)
                .join();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String frame = Json.mapper().createObjectNode().put("type", "send").put("channelId", channel)
                    .put("clientMsgId", tag + "-" + i).put("text", "benchmark message " + i).toString();
            sentAt[i] = System.nanoTime();
            socket.sendText(frame, true).join();
        }
        if (!answered.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the WebSocket sender got only " + (count - answered.getCount()) + " answers");
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        return new Result(accepted.get(), refused.get(), elapsed, latency);
    }

    private static Result http(TestGateway gateway, ApiClient.User sender, String channel, int perSender, String tag)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI uri = URI.create(gateway.baseUrl() + "/api/v1/channels/" + channel + "/messages");
        Histogram latency = new ConcurrentHistogram(3);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<CompletableFuture<Void>> senders = new ArrayList<>();
        long start = System.nanoTime();
        for (int s = 0; s < HTTP_SENDERS; s++) {
            int senderIndex = s;
            senders.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < perSender; i++) {
                    String body = Json.mapper().createObjectNode().put("clientMsgId", tag + "-" + senderIndex + "-" + i)
                            .put("text", "benchmark message " + i).toString();
                    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + sender.token())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    long sent = System.nanoTime();
                    int status = send(client, request);
                    latency.recordValue((System.nanoTime() - sent) / 1_000);
                    (status == 202 ? accepted : refused).incrementAndGet();
                }
            }, command -> new Thread(command, "http-sender-" + senderIndex).start()));
        }
        CompletableFuture.allOf(senders.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
        return new Result(accepted.get(), refused.get(), Duration.ofNanos(System.nanoTime() - start), latency);
    }

    private static int send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
