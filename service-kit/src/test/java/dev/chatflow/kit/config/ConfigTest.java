package dev.chatflow.kit.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    private static final Setting PORT = new Setting("http.port", "8080", "port");
    private static final Setting TIMEOUT = new Setting("send.timeout", "5s", "timeout");
    private static final Setting ORIGINS = new Setting("cors.allowed.origins", "", "origins");
    private static final List<Setting> SETTINGS = List.of(PORT, TIMEOUT, ORIGINS, CommonSettings.TOPICS);

    @Test
    void envNamesDeriveFromKeys() {
        assertThat(PORT.envName()).isEqualTo("CHATFLOW_HTTP_PORT");
        assertThat(new Setting("topics.replication-factor", "1", "x").envName())
                .isEqualTo("CHATFLOW_TOPICS_REPLICATION_FACTOR");
        assertThat(CommonSettings.KAFKA_BOOTSTRAP_SERVERS.envName()).isEqualTo("CHATFLOW_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void defaultsThenFileThenEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chatflow.properties");
        Files.writeString(file, "http.port=9000\nsend.timeout=250ms\n");
        Config config = Config.load(SETTINGS, Map.of(
                Config.CONFIG_FILE_ENV, file.toString(),
                "CHATFLOW_HTTP_PORT", "9100",
                "UNRELATED", "x"));
        assertThat(config.integer("http.port")).isEqualTo(9100);
        assertThat(config.duration("send.timeout")).isEqualTo(Duration.ofMillis(250));
        assertThat(config.list("cors.allowed.origins")).isEmpty();
    }

    @Test
    void openPrefixesReadEnvironmentKeys() {
        Config config = Config.load(SETTINGS, Map.of("CHATFLOW_TOPICS_CHAT_MESSAGES_RAW_PARTITIONS", "12"));
        assertThat(config.optional("topics.chat.messages.raw.partitions")).contains("12");
        assertThat(config.optional("topics.chat.users.partitions")).isEmpty();
    }

    @Test
    void undeclaredKeysFailLoudly() {
        Config config = Config.of(SETTINGS, Map.of());
        assertThatThrownBy(() -> config.string("http.prot")).hasMessageContaining("undeclared setting: http.prot");
    }

    @Test
    void badValuesNameTheSettingAndItsVariable() {
        Config config = Config.of(SETTINGS, Map.of("http.port", "eighty", "send.timeout", "soon"));
        assertThatThrownBy(() -> config.integer("http.port")).hasMessageContaining("CHATFLOW_HTTP_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> config.duration("send.timeout")).hasMessageContaining("send.timeout");
    }

    @Test
    void durationsInShortAndIsoForm() {
        Config config = Config.of(SETTINGS, Map.of("send.timeout", "PT2M"));
        assertThat(config.duration("send.timeout")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Config.of(SETTINGS, Map.of("send.timeout", "7d")).duration("send.timeout")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void listsSplitOnCommas() {
        Config config = Config.of(SETTINGS, Map.of("cors.allowed.origins", " http://a.test , ,http://b.test"));
        assertThat(config.list("cors.allowed.origins")).containsExactly("http://a.test", "http://b.test");
    }
}
