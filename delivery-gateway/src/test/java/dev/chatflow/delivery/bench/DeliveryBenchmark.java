package dev.chatflow.delivery.bench;

import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.LocalStackConfig;
import dev.chatflow.localstack.Server;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.topics.Topics;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Measures the delivery gateway (a command, not a test): messages pushed per second and the latency from
 * "record handed to the Kafka producer for chat.messages" to "frame received by a WebSocket client", at a
 * fixed rate. It starts its own Kafka and Cassandra (local stack, free ports) and the gateway's {@code Main} in
 * a JVM of its own ({@code -Xmx512m}),
 * subscribes {@code sockets} clients to one channel, produces {@code rate} messages per second for
 * {@code seconds} (after {@code warmup} seconds not counted), and prints the figures. Without the ingest
 * gateway and the processor, the clock starts at the produce to {@code chat.messages}, not at ingest's
 * accept. The gateway, the clients, Kafka and Cassandra all share this machine.
 *
 * <p>Run: {@code ./mvnw -q -B -pl delivery-gateway -am verify -Pbench -DskipTests
 * -Dbench.rate=2000 -Dbench.seconds=20 -Dbench.sockets=10}
 */
public final class DeliveryBenchmark {

    private DeliveryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rate = Integer.getInteger("bench.rate", 2000);
        int seconds = Integer.getInteger("bench.seconds", 20);
        int warmup = Integer.getInteger("bench.warmup", 5);
        int sockets = Integer.getInteger("bench.sockets", 10);
        System.out.printf("delivery benchmark: %d msg/s for %d s (+%d s warm-up) to %d sockets%n", rate, seconds, warmup,
                sockets);
        Path dataDir = Path.of(System.getProperty("bench.target", "target"), "bench-stack").toAbsolutePath();
        try (LocalStack stack = LocalStack.start(LocalStackConfig.forTests(dataDir, EnumSet.of(Server.KAFKA, Server.CASSANDRA),
                "unused"));
             Pipeline pipeline = new Pipeline(stack);
             GatewayProcess gateway = GatewayProcess.start(stack, dataDir)) {
            run(pipeline, gateway, rate, seconds, warmup, sockets);
        }
        System.exit(0);
    }

    private static void run(Pipeline pipeline, GatewayProcess gateway, int rate, int seconds, int warmup, int sockets)
            throws Exception {
        String channel = UUID.randomUUID().toString();
        HttpClient http = HttpClient.newHttpClient();
        List<Client> clients = new ArrayList<>();
        for (int i = 0; i < sockets; i++) {
            String user = "bench-" + i;
            pipeline.join(channel, user);
            Client client = new Client();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(gateway.ws(), client).join();
            ws.sendText("{\"type\":\"auth\",\"token\":\"" + TestTokens.token(user, user) + "\"}", true).join();
            ws.sendText("{\"type\":\"subscribe\",\"channelId\":\"" + channel + "\"}", true).join();
            clients.add(client);
        }
        for (Client c : clients) {
            c.subscribed.await(30, TimeUnit.SECONDS);
        }

        long total = (long) rate * (warmup + seconds);
        long measuredFrom = (long) rate * warmup + 1;
        clients.forEach(c -> c.measuredFrom = measuredFrom);
        int ticksPerSecond = 100;
        AtomicLong seq = new AtomicLong();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> produced = new CompletableFuture<>();
        try (KafkaProducer<String, ProcessedMessage> producer = new KafkaProducer<>(producerProps(pipeline),
                Topics.MESSAGES.keySerde().serializer(), Topics.MESSAGES.valueSerde().serializer())) {
            long start = System.nanoTime();
            ticker.scheduleAtFixedRate(() -> {
                // the messages due by now: a fixed rate, whatever the previous tick cost
                long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
                while (seq.get() < due) {
                    long s = seq.incrementAndGet();
                    Instant now = Instant.now();
                    ProcessedMessage m = ProcessedMessage.of(channel, s, "m" + s, "c" + s, Pipeline.SENDER,
                            "t=" + System.nanoTime(), List.of(), null, null, now, now);
                    producer.send(new ProducerRecord<>(Topics.MESSAGES.name(), channel, m));
                }
                if (seq.get() >= total) {
                    produced.complete(null);
                }
            }, 0, 1000 / ticksPerSecond, TimeUnit.MILLISECONDS);
            produced.get(warmup + seconds + 60L, TimeUnit.SECONDS);
            ticker.shutdownNow();
            producer.flush();
            long producedAt = System.nanoTime();
            long deadline = producedAt + Duration.ofSeconds(60).toNanos();
            while (clients.stream().anyMatch(c -> c.received < total) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50); // a command, not a test: polling the clients is fine here
            }
        }

        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long received = 0;
        long outOfOrder = 0;
        long firstMeasured = Long.MAX_VALUE;
        long lastMeasured = 0;
        for (Client c : clients) {
            synchronized (c) {
                latency.add(c.latency);
                received += c.received;
                outOfOrder += c.outOfOrder;
                firstMeasured = Math.min(firstMeasured, c.firstMeasuredNanos);
                lastMeasured = Math.max(lastMeasured, c.lastNanos);
            }
        }
        double window = (lastMeasured - firstMeasured) / 1e9;
        long measured = latency.getTotalCount();
        System.out.printf("produced %d messages; sockets received %d of %d frames; out of order or duplicate: %d%n",
                total, received, total * sockets, outOfOrder);
        System.out.printf("measured %d deliveries over %.1f s: %.0f messages pushed per second (all sockets)%n",
                measured, window, measured / window);
        System.out.printf("latency produce -> socket receive (ms): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0, latency.getValueAtPercentile(99.9) / 1000.0,
                latency.getMaxValue() / 1000.0);
        System.out.printf("gateway: %.0f message frames pushed, %.0f slow-client disconnects%n",
                gateway.meter("delivery_messages_pushed_total"), gateway.meter("delivery_slow_client_disconnects_total"));
    }

    private static java.util.Properties producerProps(Pipeline pipeline) {
        java.util.Properties props = pipeline.producerProps(null);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return props;
    }

    /** A benchmark socket: counts frames, checks their order, records latencies. */
    private static final class Client implements WebSocket.Listener {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        final StringBuilder partial = new StringBuilder();
        volatile long measuredFrom = Long.MAX_VALUE;
        long received;
        long lastSeq;
        long outOfOrder;
        long firstMeasuredNanos = Long.MAX_VALUE;
        long lastNanos;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public synchronized CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                int t = frame.indexOf("\"text\":\"t=");
                if (t >= 0) {
                    long sentNanos = Long.parseLong(frame, t + 10, frame.indexOf('"', t + 10), 10);
                    int s = frame.indexOf("\"seq\":");
                    long seq = Long.parseLong(frame, s + 6, frame.indexOf(',', s + 6), 10);
                    if (seq != lastSeq + 1) {
                        outOfOrder++;
                    }
                    lastSeq = seq;
                    received++;
                    if (seq >= measuredFrom) {
                        latency.recordValue(Math.max(0, (now - sentNanos) / 1000));
                        firstMeasuredNanos = Math.min(firstMeasuredNanos, now);
                        lastNanos = now;
                    }
                } else if (frame.contains("\"subscribed\"")) {
                    subscribed.countDown();
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
