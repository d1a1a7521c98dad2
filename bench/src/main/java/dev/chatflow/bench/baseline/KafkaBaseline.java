package dev.chatflow.bench.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the broker alone does on this machine: the same number of records of the same size, produced
 * (acks=all, idempotent, like the ingest gateway) and consumed (read_committed) as fast as they go, on
 * a throw-away topic with as many partitions as {@code chat.messages.raw}. No processing, no sockets:
 * the pipeline's rate divided by this one says what chatflow costs on top of Kafka.
 */
public final class KafkaBaseline {

    /** Records per second from the first send to the last record consumed. */
    public record Result(long records, int recordBytes, double producedPerSec, double endToEndPerSec) {
    }

    private KafkaBaseline() {
    }

    public static Result run(String bootstrapServers, long records, int recordBytes, int partitions) throws Exception {
        String topic = "bench.baseline." + UUID.randomUUID();
        Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                return measure(bootstrapServers, topic, records, recordBytes, partitions);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Result measure(String bootstrap, String topic, long records, int recordBytes, int partitions)
            throws Exception {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        CompletableFuture<Long> consumedAll = new CompletableFuture<>();
        Thread consumerThread = new Thread(() -> {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> assigned = new ArrayList<>();
                for (int p = 0; p < partitions; p++) {
                    assigned.add(new TopicPartition(topic, p));
                }
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                long seen = 0;
                long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
                while (seen < records && System.nanoTime() < deadline) {
                    seen += consumer.poll(Duration.ofMillis(200)).count();
                }
                consumedAll.complete(System.nanoTime());
            } catch (RuntimeException e) {
                consumedAll.completeExceptionally(e);
            }
        }, "baseline-consumer");
        consumerThread.start();

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        byte[] value = new byte[recordBytes];
        java.util.Arrays.fill(value, (byte) 'x');
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, "channel-" + (i % 64), value));
            }
            producer.flush();
        }
        long produced = System.nanoTime();
        long consumed = consumedAll.get(5, TimeUnit.MINUTES);
        return new Result(records, recordBytes, records / ((produced - start) / 1e9), records / ((consumed - start) / 1e9));
    }
}
