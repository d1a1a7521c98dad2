package dev.chatflow.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    @Test
    void defaultsFollowTheDesign() {
        TopicCatalog catalog = TopicCatalog.defaults();
        assertThat(catalog.all()).extracting(Topic::name).containsExactly(
                "chat.messages.raw", "chat.messages", "chat.messages.rejected", "chat.users", "chat.memberships");
        assertThat(catalog.configured(Topics.RAW_MESSAGES).retention()).isEqualTo(Duration.ofDays(7));
        assertThat(catalog.configured(Topics.MESSAGES).retention()).isEqualTo(Duration.ofDays(30));
        assertThat(catalog.configured(Topics.USERS).cleanup()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(catalog.configured(Topics.MEMBERSHIPS).cleanup()).isEqualTo(CleanupPolicy.COMPACT);
        assertThat(catalog.replicationFactor()).isEmpty();
    }

    @Test
    void settingsOverridePartitionsRetentionAndReplication() {
        Map<String, String> settings = Map.of(
                "topics.chat.messages.partitions", "12",
                "topics.chat.messages.raw.retention", "P2D",
                "topics.replication-factor", "3");
        TopicCatalog catalog = TopicCatalog.from(key -> Optional.ofNullable(settings.get(key)));
        assertThat(catalog.configured(Topics.MESSAGES).partitions()).isEqualTo(12);
        assertThat(catalog.configured(Topics.RAW_MESSAGES).retention()).isEqualTo(Duration.ofDays(2));
        assertThat(catalog.configured(Topics.RAW_MESSAGES).partitions()).isEqualTo(Topics.RAW_MESSAGES.partitions());
        assertThat(catalog.replicationFactor()).contains((short) 3);
        assertThat(TopicCatalog.settingNames()).containsAll(settings.keySet());
    }

    @Test
    void compactedTopicsTakeNoRetention() {
        assertThatThrownBy(() -> Topics.USERS.withRetention(Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chat.users");
        assertThatThrownBy(() -> Topics.MESSAGES.withPartitions(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chat.messages");
    }
}
