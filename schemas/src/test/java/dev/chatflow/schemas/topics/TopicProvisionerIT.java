package dev.chatflow.schemas.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chatflow.localstack.LocalStack;
import dev.chatflow.localstack.junit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class TopicProvisionerIT {

    private final LocalStack stack;
    private Admin admin;
    private TopicProvisioner provisioner;

    TopicProvisionerIT(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
        provisioner = new TopicProvisioner(admin, Duration.ofSeconds(30));
    }

    @AfterEach
    void disconnect() {
        admin.close();
    }

    @Test
    void provisioningTheCatalogTwiceCreatesOnceThenChangesNothing() throws Exception {
        TopicCatalog catalog = TopicCatalog.defaults();
        TopicProvisioner.Report first = provisioner.provision(catalog);
        assertThat(first.created()).containsExactlyInAnyOrder(
                "chat.messages.raw", "chat.messages", "chat.messages.rejected", "chat.users", "chat.memberships");

        TopicProvisioner.Report second = provisioner.provision(catalog);
        assertThat(second.created()).isEmpty();
        assertThat(second.unchanged()).hasSize(5);

        var users = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "chat.users")))
                .all().get().values().iterator().next();
        assertThat(users.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
        var raw = admin.describeTopics(List.of("chat.messages.raw")).allTopicNames().get().get("chat.messages.raw");
        assertThat(raw.partitions()).hasSize(Topics.RAW_MESSAGES.partitions());
    }

    @Test
    void anExistingTopicThatContradictsTheCatalogIsAClearError() throws Exception {
        String compacted = "it-compacted-" + UUID.randomUUID();
        String wide = "it-wide-" + UUID.randomUUID();
        String kept = "it-kept-" + UUID.randomUUID();
        // pre-existing and wrong: a "compacted" topic that deletes, one with too few partitions,
        // one that keeps records for a day instead of seven
        admin.createTopics(List.of(
                new NewTopic(compacted, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")),
                new NewTopic(wide, 2, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "604800000")),
                new NewTopic(kept, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "86400000"))))
                .all().get();
        List<Topic<?, ?>> catalog = List.of(
                new Topic<>(compacted, Serdes.String(), Serdes.String(), 1, CleanupPolicy.COMPACT, null),
                new Topic<>(wide, Serdes.String(), Serdes.String(), 4, CleanupPolicy.DELETE, Duration.ofDays(7)),
                new Topic<>(kept, Serdes.String(), Serdes.String(), 1, CleanupPolicy.DELETE, Duration.ofDays(7)));

        assertThatThrownBy(() -> provisioner.provision(catalog, Optional.empty()))
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        compacted + " has cleanup.policy=delete, the catalog wants compact",
                        wide + " has 2 partitions, the catalog wants 4",
                        kept + " has retention.ms=86400000, the catalog wants 604800000 (PT168H)"))
                .hasMessageContaining("contradict");
    }
}
