package dev.chatflow.delivery.memberships;

import dev.chatflow.delivery.metrics.DeliveryMetrics;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.serde.EventDecodingException;
import dev.chatflow.schemas.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is a member of which channel, read from the compacted {@code chat.memberships} into memory by a
 * thread of its own (all partitions, from the beginning, no consumer group). A join is a record, a leave
 * a tombstone; the channels ever named there are the channels that exist, as far as this gateway knows.
 *
 * <p>The view trails the topic by a poll. So that a user who has just joined is never refused,
 * {@link #catchUp()} reads the topic up to its current end before the caller decides: a check that
 * misses in memory asks for it and looks again.
 */
public final class MembershipView implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MembershipView.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topic<String, Membership> topic;
    private final DeliveryMetrics metrics;
    private final BiConsumer<String, String> onLeave;
    private final ConcurrentHashMap<String, Set<String>> membersByChannel = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param onLeave called with (channelId, userId) on this view's thread after a membership ended
     */
    public MembershipView(Properties kafka, Topic<String, Membership> topic, DeliveryMetrics metrics,
                          BiConsumer<String, String> onLeave) {
        Properties props = new Properties();
        props.putAll(kafka);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.metrics = metrics;
        this.onLeave = onLeave;
        this.thread = new Thread(this::run, "delivery-memberships");
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the view has read the topic up to where it ended at start-up. */
    public boolean isLoaded() {
        return loaded.isDone();
    }

    public Throwable failure() {
        return failure;
    }

    /** Membership as read so far. */
    public boolean isMember(String channelId, String userId) {
        Set<String> members = membersByChannel.get(channelId);
        return members != null && members.contains(userId);
    }

    /** Whether a membership of the channel was ever read (it may have no members now). */
    public boolean knowsChannel(String channelId) {
        return membersByChannel.containsKey(channelId);
    }

    /** Completes once the view has read everything the topic held when this was called. */
    public CompletableFuture<Void> catchUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        consumer.wakeup();
        return request;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = assignAll();
            List<Waiting> waiting = new ArrayList<>();
            waiting.add(new Waiting(endOffsets(partitions), List.of(loaded)));
            List<CompletableFuture<Void>> asked = new ArrayList<>();
            while (running) {
                try {
                    asked.addAll(drainRequests());
                    if (!asked.isEmpty()) {
                        // one end-offsets request answers every check that asked since the last one
                        waiting.add(new Waiting(endOffsets(partitions), List.copyOf(asked)));
                        asked.clear();
                    }
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(waiting.isEmpty() ? POLL : Duration.ofMillis(20))) {
                        apply(record);
                    }
                    waiting.removeIf(this::completeIfReached);
                } catch (WakeupException wakeup) {
                    // a catch-up request (or close) interrupted a blocking call: loop and look
                }
            }
        } catch (WakeupException closing) {
            loaded.completeExceptionally(new IllegalStateException("closed"));
        } catch (RuntimeException e) {
            failure = e;
            log.error("the chat.memberships reader stopped; membership checks will fail until restarted", e);
            loaded.completeExceptionally(e);
            drainRequests().forEach(r -> r.completeExceptionally(e));
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private List<TopicPartition> assignAll() {
        while (true) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + topic.name() + " has no partitions; was it provisioned?");
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                return partitions;
            } catch (WakeupException wakeup) {
                if (!running) {
                    throw wakeup;
                }
            }
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        while (true) {
            try {
                return consumer.endOffsets(partitions, Duration.ofSeconds(10));
            } catch (WakeupException wakeup) {
                if (!running) {
                    throw wakeup;
                }
            }
        }
    }

    private record Waiting(Map<TopicPartition, Long> ends, List<CompletableFuture<Void>> requests) {
    }

    private boolean completeIfReached(Waiting w) {
        for (Map.Entry<TopicPartition, Long> end : w.ends().entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        if (w.requests().contains(loaded) && !loaded.isDone()) {
            log.info("read chat.memberships: {} channels", membersByChannel.size());
        }
        w.requests().forEach(r -> r.complete(null));
        return true;
    }

    private List<CompletableFuture<Void>> drainRequests() {
        List<CompletableFuture<Void>> requests = new ArrayList<>();
        for (CompletableFuture<Void> r; (r = catchUpRequests.poll()) != null; ) {
            requests.add(r);
        }
        return requests;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Membership membership;
        try {
            membership = topic.valueSerde().deserializer().deserialize(record.topic(), record.headers(), record.value());
        } catch (EventDecodingException e) {
            metrics.recordsSkipped.increment();
            log.warn("skipping unreadable membership {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.detail());
            return;
        }
        if (membership != null) {
            membersByChannel.computeIfAbsent(membership.channelId(), c -> ConcurrentHashMap.newKeySet())
                    .add(membership.userId());
            return;
        }
        String key = record.key();
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon <= 0) {
            metrics.recordsSkipped.increment();
            log.warn("skipping membership tombstone with a key that is not channelId:userId: {}", key);
            return;
        }
        String channelId = key.substring(0, colon);
        String userId = key.substring(colon + 1);
        Set<String> members = membersByChannel.get(channelId);
        if (members != null && members.remove(userId)) {
            onLeave.accept(channelId, userId);
        }
    }

    /** Stops the reader thread (waiting up to 10 s) and closes the consumer. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
