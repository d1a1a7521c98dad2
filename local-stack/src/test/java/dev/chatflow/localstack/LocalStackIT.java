package dev.chatflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(LocalStackExtension.class)
class LocalStackIT {

    private final LocalStack stack;

    LocalStackIT(LocalStack stack) {
        this.stack = stack;
    }

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() throws Exception {
        String topic = "it-tx-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "it-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "committed-3"));
            producer.commitTransaction();
        }

        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (seen.size() < 3 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(r.value());
                }
            }
            // anything still in flight after the three would show up in one more poll
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> seen.add(r.value()));
        }
        assertThat(seen).containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void cassandraCreatesInsertsAndSelects() {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(stack.cassandraContactPoint())
                .withLocalDatacenter(stack.cassandraLocalDatacenter())
                // schema changes wait for agreement; a busy 2-core machine needs more than the 2 s default
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build())
                .build()) {
            session.execute("CREATE KEYSPACE IF NOT EXISTS it_stack WITH replication = "
                    + "{'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE IF NOT EXISTS it_stack.notes (id uuid PRIMARY KEY, body text)");
            UUID id = UUID.randomUUID();
            session.execute(session.prepare("INSERT INTO it_stack.notes (id, body) VALUES (?, ?)").bind(id, "héllo"));
            Row row = session.execute(session.prepare("SELECT body FROM it_stack.notes WHERE id = ?").bind(id)).one();
            assertThat(row).isNotNull();
            assertThat(row.getString("body")).isEqualTo("héllo");
        }
    }

    @Test
    void postgresRunsQueriesOnTheStacksDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.jdbcUser(), stack.jdbcPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS it_notes (id serial PRIMARY KEY, body text NOT NULL)");
            s.execute("INSERT INTO it_notes (body) VALUES ('one'), ('two')");
            try (ResultSet rs = s.executeQuery("SELECT current_database(), count(*) FROM it_notes")) {
                assertThat(rs.next()).isTrue();
                assertThat(stack.jdbcUrl()).endsWith("/" + rs.getString(1));
                assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aSecondStackOnTheSameDataDirectoryFailsFast() {
        LocalStackConfig same = stack.config().withClean(true);
        long begin = System.nanoTime();
        assertThatThrownBy(() -> LocalStack.start(same).close())
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("already running on " + stack.dataDir());
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aTakenPortIsNamedInTheError(@TempDir Path otherDir) {
        LocalStackConfig clash = stack.config().withDataDir(otherDir).withServers(Set.of(Server.KAFKA))
                .withKafkaPorts(stack.config().kafkaPort(), LocalStackConfig.freePort());
        assertThatThrownBy(() -> LocalStack.start(clash).close())
                .isInstanceOf(StackStartException.class)
                .hasMessageContaining("port " + stack.config().kafkaPort())
                .hasMessageContaining("in use");
    }
}
