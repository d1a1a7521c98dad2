package dev.chatflow.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.localstack.process.RuntimeClasspath;
import java.nio.file.Path;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

/**
 * The forked servers are built by local-stack/runtimes, whose POM cannot inherit the versions of
 * chatflow-parent; this keeps the two from drifting apart.
 */
class LocalStackVersionsTest {

    @Test
    void kafkaBrokerHasTheVersionOfTheClients() {
        String clients = AppInfoParser.getVersion();
        assertThat(RuntimeClasspath.of("kafka"))
                .map(Path::getFileName).map(Path::toString)
                .contains("kafka_2.13-" + clients + ".jar", "kafka-clients-" + clients + ".jar");
    }

    @Test
    void cassandraRuntimeHoldsCassandraAndItsOwnLogging() {
        assertThat(RuntimeClasspath.of("cassandra"))
                .map(Path::getFileName).map(Path::toString)
                .anyMatch(name -> name.startsWith("cassandra-all-5.0."))
                .anyMatch(name -> name.startsWith("logback-classic-"))
                .noneMatch(name -> name.startsWith("kafka"));
    }
}
