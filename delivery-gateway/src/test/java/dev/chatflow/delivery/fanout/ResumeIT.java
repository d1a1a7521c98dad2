package dev.chatflow.delivery.fanout;

import static dev.chatflow.delivery.support.WsClient.oneTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.delivery.DeliveryGateway;
import dev.chatflow.delivery.support.Gateways;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.delivery.support.TestTokens;
import dev.chatflow.delivery.support.WsClient;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.ProcessedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code sinceSeq}: what a client missed, from the window or Cassandra, then live — no gap, no duplicate. */
@ExtendWith(LocalStackExtension.class)
class ResumeIT {

    /** A small window, so resumes reach past it into Cassandra. */
    private static final Map<String, String> SMALL_WINDOW = Map.of("delivery.window.messages", "16",
            "delivery.window.warmup-records", "30");
    private static Pipeline pipeline;
    private static DeliveryGateway gateway;

    @BeforeAll
    static void start(LocalStack stack) {
        pipeline = new Pipeline(stack);
        gateway = Gateways.start(stack, SMALL_WINDOW);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        pipeline.close();
    }

    private static WsClient member(DeliveryGateway on, String channel) {
        String user = "u-" + UUID.randomUUID();
        pipeline.join(channel, user);
        return WsClient.authenticated(Gateways.ws(on), TestTokens.token(user, "reader"));
    }

    @Test
    void withoutSinceSeqTheLiveStreamStartsRightAfterTheReportedLastSeq() {
        String channel = UUID.randomUUID().toString();
        publishThroughFeed(channel, pipeline.next(channel, 30, 20));
        try (WsClient client = member(gateway, channel).subscribe(channel)) {
            assertThat(client.awaitSubscribed(channel).get("lastSeq").asLong()).isEqualTo(30);

            pipeline.publish(channel, 5);

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 5);
            client.roundTrip();
            assertThat(client.seqs(channel)).containsExactly(31L, 32L, 33L, 34L, 35L);
        }
    }

    @Test
    void resumeWithinTheWindowDeliversWhatWasMissedThenLive() {
        String channel = UUID.randomUUID().toString();
        publishThroughFeed(channel, pipeline.next(channel, 10, 20));
        double fromWindow = gateway.metrics().resumedFromWindow.count();
        double fromCassandra = gateway.metrics().resumedFromCassandra.count();
        try (WsClient client = member(gateway, channel).subscribe(channel, 4)) {
            assertThat(client.awaitSubscribed(channel).get("lastSeq").asLong()).isEqualTo(10);
            pipeline.publish(channel, 5);

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 11);
            client.roundTrip();
            assertThat(client.seqs(channel)).containsExactlyElementsOf(LongStream.rangeClosed(5, 15).boxed().toList());
            assertThat(gateway.metrics().resumedFromWindow.count() - fromWindow).isEqualTo(6);
            assertThat(gateway.metrics().resumedFromCassandra.count()).isEqualTo(fromCassandra);
        }
    }

    @Test
    void resumeFromBeforeTheWindowReadsCassandraThenTheWindowThenLive() {
        String channel = UUID.randomUUID().toString();
        publishThroughFeed(channel, pipeline.next(channel, 100, 20));
        double fromCassandra = gateway.metrics().resumedFromCassandra.count();
        try (WsClient client = member(gateway, channel).subscribe(channel, 5)) {
            assertThat(client.awaitSubscribed(channel).get("lastSeq").asLong()).isEqualTo(100);
            pipeline.publish(channel, 10);

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 105);
            client.roundTrip();
            assertThat(client.seqs(channel)).containsExactlyElementsOf(LongStream.rangeClosed(6, 110).boxed().toList());
            assertThat(gateway.metrics().resumedFromCassandra.count() - fromCassandra).isGreaterThanOrEqualTo(100 - 16 - 5);
        }
    }

    @Test
    void messagesTheFeedNeverSawAreResumedFromCassandra() {
        // older than anything the gateway read from Kafka: only the history has them
        String channel = UUID.randomUUID().toString();
        pipeline.store(pipeline.next(channel, 50, 20));
        try (WsClient client = member(gateway, channel).subscribe(channel, 10)) {
            assertThat(client.awaitSubscribed(channel).get("lastSeq").asLong()).isEqualTo(50);
            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 40);
            pipeline.publish(channel, 5);

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 45);
            client.roundTrip();
            assertThat(client.seqs(channel)).containsExactlyElementsOf(LongStream.rangeClosed(11, 55).boxed().toList());
        }
    }

    @Test
    void resumeWaitsForTheHistorySinkWhenCassandraLagsBehindKafka() {
        String channel = UUID.randomUUID().toString();
        List<ProcessedMessage> batch = pipeline.next(channel, 60, 20);
        pipeline.store(batch.subList(0, 10));
        produceThroughFeed(channel, batch);
        try (WsClient client = member(gateway, channel).subscribe(channel, 5)) {
            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 5);

            pipeline.store(batch.subList(10, 60)); // the sink catches up

            await().atMost(WsClient.TIMEOUT).until(() -> client.seqs(channel).size() >= 55);
            client.roundTrip();
            assertThat(client.seqs(channel)).containsExactlyElementsOf(LongStream.rangeClosed(6, 60).boxed().toList());
        }
    }

    @Test
    void resumeThatCassandraCannotServeEndsTheSubscriptionWithAnError(LocalStack stack) {
        String channel = UUID.randomUUID().toString();
        List<ProcessedMessage> batch = pipeline.next(channel, 60, 20);
        pipeline.produce(batch); // never stored
        Map<String, String> impatient = new java.util.HashMap<>(SMALL_WINDOW);
        impatient.put("delivery.catch-up.timeout", "1s");
        try (DeliveryGateway quick = Gateways.start(stack, impatient);
             WsClient client = member(quick, channel).subscribe(channel, 5)) {
            JsonNode error = client.awaitFrame(f -> f.path("type").asText().equals("error"));

            assertThat(error.get("error").get("code").asText()).isEqualTo("resume_unavailable");
            assertThat(error.get("channelId").asText()).isEqualTo(channel);
            assertThat(client.seqs(channel)).isEmpty();
        }
    }

    @Test
    void gatewayStoppedMidStreamAndStartedAgainResumesWithNoGapAndNoDuplicate(LocalStack stack) {
        String channel = UUID.randomUUID().toString();
        Semaphore batches = new Semaphore(0);
        AtomicInteger published = new AtomicInteger();
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 50; i++) {
                batches.acquireUninterruptibly();
                pipeline.publish(channel, 10);
                published.addAndGet(10);
            }
        });
        DeliveryGateway first = Gateways.start(stack, SMALL_WINDOW);
        List<Long> received = new ArrayList<>();
        try (WsClient before = member(first, channel).subscribe(channel)) {
            before.awaitSubscribed(channel);
            batches.release(10);
            await().atMost(WsClient.TIMEOUT).until(() -> before.seqs(channel).size() >= 100);

            batches.release(5); // still flowing while the gateway stops
            first.close();
            before.awaitClose();
            received.addAll(before.seqs(channel));
        }
        batches.release(10); // flowing while no gateway runs
        try (DeliveryGateway second = Gateways.start(stack, SMALL_WINDOW)) {
            batches.release(10); // and while the client comes back
            long lastSeen = received.get(received.size() - 1);
            try (WsClient after = member(second, channel).subscribe(channel, lastSeen)) {
                batches.release(15);
                producer.join();
                await().atMost(Duration.ofSeconds(60)).until(() -> after.seqs(channel).size() >= 500 - lastSeen);
                after.roundTrip();
                received.addAll(after.seqs(channel));
            }
        }
        assertThat(published.get()).isEqualTo(500);
        assertThat(received).containsExactlyElementsOf(oneTo(500));
    }

    /** Stores and produces {@code batch}, and returns once the shared gateway's feed has fanned it out. */
    private static void publishThroughFeed(String channel, List<ProcessedMessage> batch) {
        throughFeed(channel, batch, true);
    }

    /** Produces {@code batch} only, and returns once the shared gateway's feed has fanned it out. */
    private static void produceThroughFeed(String channel, List<ProcessedMessage> batch) {
        throughFeed(channel, batch, false);
    }

    private static void throughFeed(String channel, List<ProcessedMessage> batch, boolean store) {
        long last = batch.get(batch.size() - 1).seq();
        try (WsClient witness = member(gateway, channel).subscribe(channel)) {
            witness.awaitSubscribed(channel); // subscribed before the batch exists: it sees all of it live
            if (store) {
                pipeline.store(batch);
            }
            pipeline.produce(batch);
            await().atMost(WsClient.TIMEOUT).until(() -> witness.seqs(channel).contains(last));
        }
    }
}
