package dev.chatflow.delivery.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.delivery.support.Pipeline;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.json.Json;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub's switch from backlog to live under concurrency, without a broker: an in-memory history and feed. */
class ChannelHubTest {

    private static final String CHANNEL = "c-1";

    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrentSkipListMap<Long, ProcessedMessage> stored = new ConcurrentSkipListMap<>();
    private final DeliveryMetrics metrics = new DeliveryMetrics(new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        workers.shutdownNow();
        scheduler.shutdownNow();
    }

    /** Collects the seqs of the message frames it is given; sometimes has no room, like a busy socket. */
    private static class Collector implements Subscriber {
        final List<Long> seqs = new ArrayList<>();
        long lastSeq = -1;
        final Random random = new Random(7);

        @Override
        public String userId() {
            return "u";
        }

        @Override
        public synchronized boolean push(byte[] frame) {
            try {
                JsonNode node = Json.mapper().readTree(frame);
                if (node.get("type").asText().equals("message")) {
                    seqs.add(node.get("seq").asLong());
                } else if (node.get("type").asText().equals("subscribed")) {
                    lastSeq = node.get("lastSeq").asLong();
                }
                return true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized boolean hasHeadroom() {
            return random.nextInt(4) > 0;
        }

        @Override
        public void whenDrained(Runnable task) {
            task.run();
        }

        @Override
        public void subscriptionEnded(String channelId, String code, String message) {
            throw new AssertionError("subscription ended: " + code + " " + message);
        }

        synchronized List<Long> seqs() {
            return List.copyOf(seqs);
        }
    }

    private ChannelHub hub(int windowMessages) {
        HistoryReader history = new HistoryReader() {
            @Override
            public List<ProcessedMessage> after(String channelId, long afterSeq, int limit) {
                return stored.tailMap(afterSeq, false).values().stream().limit(limit).toList();
            }

            @Override
            public OptionalLong lastSeq(String channelId) {
                return stored.isEmpty() ? OptionalLong.empty() : OptionalLong.of(stored.lastKey());
            }
        };
        ChannelHub hub = new ChannelHub(new ChannelHub.Options(windowMessages, 1 << 20, 7, Duration.ofSeconds(10)), history,
                workers, scheduler, metrics);
        hub.feedCaughtUp();
        return hub;
    }

    private void publish(ChannelHub hub, long seq) {
        ProcessedMessage m = Pipeline.message(CHANNEL, seq, 10);
        stored.put(seq, m); // the sink runs ahead of the feed here
        hub.publish(m);
    }

    @Test
    void resumesStartedWhileTheFeedRunsEachGetEverySeqOnceInOrder() {
        ChannelHub hub = hub(16);
        for (long seq = 1; seq <= 100; seq++) {
            publish(hub, seq);
        }
        List<Collector> collectors = new ArrayList<>();
        List<Long> since = new ArrayList<>();
        Random random = new Random(42);
        for (long seq = 101; seq <= 3000; seq++) {
            publish(hub, seq);
            if (seq % 100 == 0) {
                Collector c = new Collector();
                long from = random.nextLong(seq);
                collectors.add(c);
                since.add(from);
                hub.subscribe(c, CHANNEL, from);
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> collectors.stream().allMatch(c -> c.seqs().contains(3000L)));
        for (int i = 0; i < collectors.size(); i++) {
            assertThat(collectors.get(i).seqs()).as("resume from " + since.get(i))
                    .containsExactlyElementsOf(LongStream.rangeClosed(since.get(i) + 1, 3000).boxed().toList());
        }
        assertThat(metrics.resumedFromCassandra.count()).isPositive();
        assertThat(metrics.resumedFromWindow.count()).isPositive();
    }

    @Test
    void liveSubscriptionStartsAfterTheLastSeqItIsTold() {
        ChannelHub hub = hub(16);
        for (long seq = 1; seq <= 50; seq++) {
            publish(hub, seq);
        }
        Collector c = new Collector();
        hub.subscribe(c, CHANNEL, null).toCompletableFuture().join();
        for (long seq = 51; seq <= 60; seq++) {
            publish(hub, seq);
        }
        assertThat(c.lastSeq).isEqualTo(50);
        assertThat(c.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(51, 60).boxed().toList());
    }

    @Test
    void subscribingAgainReplacesTheSubscriptionInsteadOfDoublingIt() {
        ChannelHub hub = hub(16);
        Collector c = new Collector();
        hub.subscribe(c, CHANNEL, null).toCompletableFuture().join();
        publish(hub, 1);
        hub.subscribe(c, CHANNEL, 1L).toCompletableFuture().join();
        publish(hub, 2);
        publish(hub, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> c.seqs().size() >= 3);
        assertThat(c.seqs()).containsExactly(1L, 2L, 3L);
        assertThat(metrics.subscriptions.get()).isEqualTo(1);
    }

    @Test
    void aRepublishedSeqIsNotPushedAgain() {
        ChannelHub hub = hub(16);
        Collector c = new Collector();
        hub.subscribe(c, CHANNEL, null).toCompletableFuture().join();
        publish(hub, 1);
        publish(hub, 2);
        publish(hub, 1);
        publish(hub, 2);
        publish(hub, 3);
        assertThat(c.seqs()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aLeaveEndsOnlyThatUsersSubscriptions() {
        ChannelHub hub = hub(16);
        List<String> ended = new ArrayList<>();
        Collector leaving = new Collector() {
            @Override
            public String userId() {
                return "u-leaving";
            }

            @Override
            public void subscriptionEnded(String channelId, String code, String message) {
                ended.add(channelId + " " + code);
            }
        };
        Collector staying = new Collector();
        hub.subscribe(leaving, CHANNEL, null).toCompletableFuture().join();
        hub.subscribe(staying, CHANNEL, null).toCompletableFuture().join();
        publish(hub, 1);
        hub.membershipEnded(CHANNEL, "u-leaving");
        publish(hub, 2);
        assertThat(ended).containsExactly(CHANNEL + " not_a_member");
        assertThat(leaving.seqs()).containsExactly(1L);
        assertThat(staying.seqs()).containsExactly(1L, 2L);
        assertThat(metrics.subscriptions.get()).isEqualTo(1);
    }
}
