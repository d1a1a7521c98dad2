package dev.chatflow.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chatflow.kit.config.Config;
import dev.chatflow.kit.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    @Test
    void everySettingHasOneKeyAndOneEnvironmentName() {
        assertThat(DeliverySettings.all()).extracting(Setting::key).doesNotHaveDuplicates();
        assertThat(DeliverySettings.all()).extracting(Setting::envName).doesNotHaveDuplicates()
                .contains("CHATFLOW_HTTP_PORT", "CHATFLOW_KAFKA_BOOTSTRAP_SERVERS", "CHATFLOW_CASSANDRA_CONTACT_POINTS",
                        "CHATFLOW_DATA_DIR", "CHATFLOW_JWT_PUBLIC_KEY", "CHATFLOW_DELIVERY_SOCKET_QUEUE_MAX_FRAMES");
    }

    @Test
    void defaultsAreReadableAndThePortIs8081() {
        Config config = Config.load(DeliverySettings.all(), Map.of());
        assertThat(config.integer(DeliverySettings.HTTP_PORT.key())).isEqualTo(8081);
        for (Setting s : DeliverySettings.all()) {
            if (s.key().endsWith("timeout") || s.key().endsWith("interval") || s.key().endsWith("grace")) {
                assertThat(config.duration(s.key())).as(s.key()).isPositive();
            }
        }
        assertThat(config.integer(DeliverySettings.QUEUE_MAX_FRAMES.key())).isPositive();
    }

    @Test
    void environmentOverridesTheDefaults() {
        Config config = Config.load(DeliverySettings.all(), Map.of("CHATFLOW_HTTP_PORT", "9181",
                "CHATFLOW_DELIVERY_WINDOW_MESSAGES", "64"));
        assertThat(config.integer(DeliverySettings.HTTP_PORT.key())).isEqualTo(9181);
        assertThat(config.integer(DeliverySettings.WINDOW_MESSAGES.key())).isEqualTo(64);
    }
}
