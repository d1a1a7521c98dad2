package dev.chatflow.delivery.support;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chatflow.kit.cassandra.CqlSchema;
import dev.chatflow.kit.cassandra.CqlSessions;
import dev.chatflow.kit.cassandra.HistoryStore;
import dev.chatflow.kit.config.CommonSettings;
import dev.chatflow.kit.config.Config;
import dev.chatflow.localstack.LocalStack;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.events.ProcessedMessage;
import dev.chatflow.schemas.events.UserRef;
import dev.chatflow.schemas.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Stands in for the rest of chatflow in tests: ingest's memberships on {@code chat.memberships}, the
 * processor's numbered messages on {@code chat.messages} and its Cassandra sink — each written through
 * the contracts' own topics, serdes and {@link HistoryStore}.
 */
public final class Pipeline implements AutoCloseable {

    public static final UserRef SENDER = new UserRef("u-sender", "sender");

    private final LocalStack stack;
    private final KafkaProducer<String, ProcessedMessage> messages;
    private final KafkaProducer<String, Membership> memberships;
    private final CqlSession cql;
    private final HistoryStore history;
    private final Map<String, Long> lastSeq = new ConcurrentHashMap<>();

    public Pipeline(LocalStack stack) {
        this.stack = stack;
        Config config = Gateways.config(stack, Map.of());
        try (Admin admin = Admin.create(dev.chatflow.kit.kafka.KafkaClients.base(config, "test-admin"))) {
            dev.chatflow.kit.kafka.KafkaClients.provisionTopics(admin, config);
        }
        this.messages = new KafkaProducer<>(producerProps(null), Topics.MESSAGES.keySerde().serializer(),
                Topics.MESSAGES.valueSerde().serializer());
        this.memberships = new KafkaProducer<>(producerProps(null), Topics.MEMBERSHIPS.keySerde().serializer(),
                Topics.MEMBERSHIPS.valueSerde().serializer());
        this.cql = CqlSessions.connect(config, "delivery-tests");
        String keyspace = config.string(CommonSettings.CASSANDRA_KEYSPACE.key());
        CqlSchema.apply(cql, keyspace, config.string(CommonSettings.CASSANDRA_REPLICATION.key()));
        this.history = new HistoryStore(cql, keyspace);
    }

    /** Producer settings; with a transactional id the producer writes exactly-once, as the processor does. */
    public Properties producerProps(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return props;
    }

    public HistoryStore history() {
        return history;
    }

    /** The next {@code count} messages of a channel, numbered after the last ones made here. */
    public List<ProcessedMessage> next(String channelId, int count, int textLength) {
        List<ProcessedMessage> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = lastSeq.merge(channelId, 1L, Long::sum);
            batch.add(message(channelId, seq, textLength));
        }
        return batch;
    }

    public static ProcessedMessage message(String channelId, long seq, int textLength) {
        Instant now = Instant.now();
        String label = "message " + seq + " ";
        String text = textLength <= label.length() ? label.trim() : label + "x".repeat(textLength - label.length());
        return ProcessedMessage.of(channelId, seq, "m-" + channelId + "-" + seq, "c-" + seq, SENDER, text, List.of(),
                null, null, now, now);
    }

    /** The sink's part: stores the messages in Cassandra. */
    public void store(List<ProcessedMessage> batch) {
        history.writeAll(batch).toCompletableFuture().join();
    }

    /** The processor's part: writes the messages to chat.messages and waits for the acks. */
    public void produce(List<ProcessedMessage> batch) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (ProcessedMessage m : batch) {
            acks.add(messages.send(new ProducerRecord<>(Topics.MESSAGES.name(), m.channelId(), m)));
        }
        awaitAll(acks);
    }

    /** Stores, then produces, the next {@code count} messages of a channel; returns them. */
    public List<ProcessedMessage> publish(String channelId, int count) {
        List<ProcessedMessage> batch = next(channelId, count, 20);
        store(batch);
        produce(batch);
        return batch;
    }

    public void join(String channelId, String userId) {
        awaitAll(List.of(memberships.send(new ProducerRecord<>(Topics.MEMBERSHIPS.name(),
                Membership.key(channelId, userId), Membership.of(channelId, userId, Instant.now())))));
    }

    /** Joins many users at once (one round of acks). */
    public void joinAll(String channelId, List<String> userIds) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (String userId : userIds) {
            acks.add(memberships.send(new ProducerRecord<>(Topics.MEMBERSHIPS.name(), Membership.key(channelId, userId),
                    Membership.of(channelId, userId, Instant.now()))));
        }
        awaitAll(acks);
    }

    public void leave(String channelId, String userId) {
        awaitAll(List.of(memberships.send(new ProducerRecord<>(Topics.MEMBERSHIPS.name(),
                Membership.key(channelId, userId), null))));
    }

    private static void awaitAll(List<? extends java.util.concurrent.Future<?>> acks) {
        try {
            for (var ack : acks) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record", e.getCause());
        }
    }

    @Override
    public void close() {
        messages.close();
        memberships.close();
        cql.close();
    }
}
