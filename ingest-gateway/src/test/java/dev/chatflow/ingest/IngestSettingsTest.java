package dev.chatflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void everyKeyIsDeclaredOnceWithItsEnvironmentName() {
        assertThat(IngestSettings.all()).extracting(Setting::key).doesNotHaveDuplicates()
                .contains("http.port", "jdbc.url", "jdbc.user", "jdbc.password", "kafka.bootstrap.servers",
                        "jwt.private.key", "jwt.public.key", "jwt.ttl", "message.max.length", "kafka.send.timeout",
                        "cors.allowed.origins", "data.dir");
        assertThat(IngestSettings.KAFKA_SEND_TIMEOUT.envName()).isEqualTo("CHATFLOW_KAFKA_SEND_TIMEOUT");
    }

    @Test
    void defaultsMatchTheContracts() {
        Config config = Config.of(IngestSettings.all(), Map.of());
        assertThat(config.integer("http.port")).isEqualTo(8080);
        assertThat(config.duration("jwt.ttl")).isEqualTo(Duration.ofHours(1));
        assertThat(config.integer("message.max.length")).isEqualTo(4000);
    }

    @Test
    void environmentVariablesOverrideDefaults() {
        Config config = Config.load(IngestSettings.all(), Map.of("CHATFLOW_HTTP_PORT", "9999",
                "CHATFLOW_RATE_LIMIT_PER_SECOND", "0.5"));
        assertThat(config.integer("http.port")).isEqualTo(9999);
        assertThat(config.string("rate.limit.per.second")).isEqualTo("0.5");
    }
}
