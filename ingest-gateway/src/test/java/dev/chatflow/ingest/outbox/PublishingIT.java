package dev.chatflow.ingest.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.chatflow.ingest.support.ApiClient;
import dev.chatflow.ingest.support.GatewayExtension;
import dev.chatflow.ingest.support.TestGateway;
import dev.chatflow.ingest.support.TopicRecords;
import dev.chatflow.localstack.junit.LocalStackExtension;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.Membership;
import dev.chatflow.schemas.events.UserProfile;
import dev.chatflow.schemas.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Changes to users and memberships reach the compacted topics through the outbox. */
@ExtendWith({LocalStackExtension.class, GatewayExtension.class})
class PublishingIT {

    private final TestGateway gateway;
    private final ApiClient api;

    PublishingIT(TestGateway gateway) {
        this.gateway = gateway;
        this.api = gateway.api();
    }

    private List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return TopicRecords.readAll(gateway.stack().kafkaBootstrapServers(), topic).stream()
                .filter(r -> r.key().equals(key)).toList();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void signUpPublishesTheUserAndTheGeneralMembership() {
        ApiClient.User user = api.newUser();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(records("chat.users", user.id())).hasSize(1));
        ConsumerRecord<String, byte[]> record = records("chat.users", user.id()).get(0);
        UserProfile profile = Topics.USERS.valueSerde().deserializer().deserialize("chat.users", record.value());
        assertThat(profile.id()).isEqualTo(user.id());
        assertThat(profile.username()).isEqualTo(user.username());
        assertThat(header(record, EventType.HEADER_EVENT_TYPE)).isEqualTo("chat.user");
        assertThat(header(record, EventType.HEADER_SCHEMA_VERSION)).isEqualTo("1");

        String general = api.listChannels(user.token()).body().get("channels").findParents("name").stream()
                .filter(c -> c.get("name").asText().equals("general")).findFirst().orElseThrow().get("id").asText();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(records("chat.memberships", Membership.key(general, user.id()))).hasSize(1));
    }

    @Test
    void joinPublishesTheMembershipAndLeaveATombstone() {
        ApiClient.User owner = api.newUser();
        ApiClient.User member = api.newUser();
        String channel = api.newChannel(owner.token());
        String key = Membership.key(channel, member.id());

        api.join(member.token(), channel);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(records("chat.memberships", key)).hasSize(1));
        ConsumerRecord<String, byte[]> joined = records("chat.memberships", key).get(0);
        Membership membership = Topics.MEMBERSHIPS.valueSerde().deserializer().deserialize("chat.memberships", joined.value());
        assertThat(membership.channelId()).isEqualTo(channel);
        assertThat(membership.userId()).isEqualTo(member.id());
        assertThat(header(joined, EventType.HEADER_EVENT_TYPE)).isEqualTo("chat.membership");
        assertThat(records("chat.memberships", Membership.key(channel, owner.id()))).hasSize(1);

        api.leave(member.token(), channel);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(records("chat.memberships", key)).hasSize(2));
        ConsumerRecord<String, byte[]> left = records("chat.memberships", key).get(1);
        assertThat(left.value()).isNull();
        assertThat(header(left, EventType.HEADER_EVENT_TYPE)).isEqualTo("chat.membership");
    }

    @Test
    void theOutboxIsEmptyOnceEverythingIsPublished() {
        api.newUser();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.gateway().outboxRelay().backlog() == 0);
    }
}
